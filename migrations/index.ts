/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
import { CaseRecords1795404000000 } from './1795404000000-CaseRecords.js';
import { ReportIndexes1795405000000 } from './1795405000000-ReportIndexes.js';
import { Accounts1795406000000 } from './1795406000000-Accounts.js';
import { Panels1795407000000 } from './1795407000000-Panels.js';
import { Alerts1795408000000 } from './1795408000000-Alerts.js';
import { WebSessions1795409000000 } from './1795409000000-WebSessions.js';
import { ManagerDigests1795410000000 } from './1795410000000-ManagerDigests.js';
import { LimitRecords1795411000000 } from './1795411000000-LimitRecords.js';
import { OutboxClaims1795413000000 } from './1795413000000-OutboxClaims.js';
import { AccountAudit1795413500000 } from './1795413500000-AccountAudit.js';
import { PasswordChanges1795413600000 } from './1795413600000-PasswordChanges.js';
import { AccessLogActions1795413700000 } from './1795413700000-AccessLogActions.js';
import { PlatformOperator1795413800000 } from './1795413800000-PlatformOperator.js';
import { PanelRecommendations1795414000000 } from './1795414000000-PanelRecommendations.js';
import { EventSupersessions1795415000000 } from './1795415000000-EventSupersessions.js';
import { RetentionDeletions1795416000000 } from './1795416000000-RetentionDeletions.js';
import { AccountChangeNotices1795417000000 } from './1795417000000-AccountChangeNotices.js';
import { Plans1795418000000 } from './1795418000000-Plans.js';
import { PlanCorrections1795418500000 } from './1795418500000-PlanCorrections.js';
import { PlanWorklistIndexes1795418600000 } from './1795418600000-PlanWorklistIndexes.js';
import { PlanReportIndexes1795419000000 } from './1795419000000-PlanReportIndexes.js';
import { Disputes1795420000000 } from './1795420000000-Disputes.js';
import { AppealBuffer1795421000000 } from './1795421000000-AppealBuffer.js';
import { ChildRecords1795422000000 } from './1795422000000-ChildRecords.js';
import { PlanSen2Items1795423000000 } from './1795423000000-PlanSen2Items.js';
import { Sen2Returns1795424000000 } from './1795424000000-Sen2Returns.js';
import { CaseloadImports1795425000000 } from './1795425000000-CaseloadImports.js';
import { ReportSpeedIndexes1795426000000 } from './1795426000000-ReportSpeedIndexes.js';
import { StatutoryNotices1795428000000 } from './1795428000000-StatutoryNotices.js';
import { SentNotices1795429000000 } from './1795429000000-SentNotices.js';
import { EarlyWarningIndex1795429500000 } from './1795429500000-EarlyWarningIndex.js';
import { PlanNotices1795430000000 } from './1795430000000-PlanNotices.js';
import { AdviceLinks1795430500000 } from './1795430500000-AdviceLinks.js';
import { FamilyAccess1795431000000 } from './1795431000000-FamilyAccess.js';
import { FamilyMessages1795432000000 } from './1795432000000-FamilyMessages.js';
import { AdviceReuse1795432500000 } from './1795432500000-AdviceReuse.js';
import { DocumentStorage1795433000000 } from './1795433000000-DocumentStorage.js';
import { DeadlineMeasures1795433500000 } from './1795433500000-DeadlineMeasures.js';
import { CaseReportSteps1795434000000 } from './1795434000000-CaseReportSteps.js';

export const MIGRATIONS = [
  CaseRecords1795404000000,
  ReportIndexes1795405000000,
  Accounts1795406000000,
  Panels1795407000000,
  Alerts1795408000000,
  WebSessions1795409000000,
  ManagerDigests1795410000000,
  LimitRecords1795411000000,
  OutboxClaims1795413000000,
  AccountAudit1795413500000,
  PasswordChanges1795413600000,
  AccessLogActions1795413700000,
  PlatformOperator1795413800000,
  PanelRecommendations1795414000000,
  EventSupersessions1795415000000,
  RetentionDeletions1795416000000,
  AccountChangeNotices1795417000000,
  Plans1795418000000,
  PlanCorrections1795418500000,
  PlanWorklistIndexes1795418600000,
  PlanReportIndexes1795419000000,
  Disputes1795420000000,
  AppealBuffer1795421000000,
  ChildRecords1795422000000,
  PlanSen2Items1795423000000,
  Sen2Returns1795424000000,
  CaseloadImports1795425000000,
  ReportSpeedIndexes1795426000000,
  StatutoryNotices1795428000000,
  SentNotices1795429000000,
  EarlyWarningIndex1795429500000,
  PlanNotices1795430000000,
  AdviceLinks1795430500000,
  FamilyAccess1795431000000,
  FamilyMessages1795432000000,
  AdviceReuse1795432500000,
  DocumentStorage1795433000000,
  DeadlineMeasures1795433500000,
  CaseReportSteps1795434000000,
];
