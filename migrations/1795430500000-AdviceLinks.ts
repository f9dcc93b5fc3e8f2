import type { MigrationInterface, QueryRunner } from 'typeorm';
import { extendCheck } from './check-values.js';

const ACCESS_ACTIONS = ['advice_link_read', 'advice_upload', 'advice_document_read'];
const NOTIFICATION_KINDS = ['advice_received'];

/**
 * The advice portal (issue 16 item 2): a single-purpose link per advice request, emailed to its
 * contact; each email carries a token of its own (reminders included), kept only as its SHA-256,
 * so no stored value lets anyone in. The advice received through a link is kept with the case.
 * The access log learns the portal's reads and uploads, and the inbox the advice received.
 */
export class AdviceLinks1795430500000 implements MigrationInterface {
  name = 'AdviceLinks1795430500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE advice_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        request text NOT NULL CHECK (request ~ '^advice\\.[a-z_]+(\\.[0-9]+)?$'),
        contact_email text NOT NULL,
        expires_on date NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by text,
        used_at timestamptz,
        CONSTRAINT advice_link_revoked_or_used CHECK (revoked_at IS NULL OR used_at IS NULL),
        CONSTRAINT advice_link_revoked_by_whom CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    // One live link per request: re-issuing revokes the one before in the same transaction.
    await db.query(`CREATE UNIQUE INDEX advice_link_one_live ON advice_link (case_id, request) WHERE revoked_at IS NULL AND used_at IS NULL`);
    await db.query(`CREATE INDEX advice_link_case_idx ON advice_link (case_id)`);
    await db.query(`
      CREATE TABLE advice_link_token (
        token_sha256 bytea PRIMARY KEY CHECK (length(token_sha256) = 32),
        link_id uuid NOT NULL REFERENCES advice_link(id),
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX advice_link_token_link_idx ON advice_link_token (link_id)`);
    await db.query(`
      CREATE TABLE advice_link_delivery (
        link_id uuid NOT NULL REFERENCES advice_link(id),
        channel text NOT NULL CHECK (channel = 'email'),
        target text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        PRIMARY KEY (link_id, channel, target)
      )`);
    await db.query(`
      CREATE TABLE advice_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        link_id uuid NOT NULL REFERENCES advice_link(id),
        request text NOT NULL,
        event_seq integer NOT NULL,
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword', 'text/plain; charset=utf-8')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        received_on date NOT NULL,
        submitted_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT advice_document_size CHECK (length(content) = size_bytes)
      )`);
    await db.query(`CREATE INDEX advice_document_case_idx ON advice_document (case_id)`);
    await extendCheck(db, 'access_log', 'access_log_action_check', 'action', ACCESS_ACTIONS, 'add');
    await extendCheck(db, 'notification', 'notification_kind_check', 'kind', NOTIFICATION_KINDS, 'add');
  }

  async down(db: QueryRunner): Promise<void> {
    // Fails while the access log holds the portal's lines: it is append-only.
    await extendCheck(db, 'notification', 'notification_kind_check', 'kind', NOTIFICATION_KINDS, 'remove');
    await extendCheck(db, 'access_log', 'access_log_action_check', 'action', ACCESS_ACTIONS, 'remove');
    await db.query(`DROP TABLE advice_document`);
    await db.query(`DROP TABLE advice_link_delivery`);
    await db.query(`DROP TABLE advice_link_token`);
    await db.query(`DROP TABLE advice_link`);
  }
}
