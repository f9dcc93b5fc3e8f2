/** The authority's details for notices (PUT /api/notices/settings), as the notice tests expect to find them in what is written. */
export const NOTICE_DETAILS = {
  team: 'SEND Assessment Team',
  address: ['County Hall', 'High Street', 'Exampleton', 'EX1 1AA'],
  phone: '01234 500500',
  email: 'send@example.gov.uk',
  localOfferUrl: 'https://www.example.gov.uk/local-offer',
  informationAdvice: { name: 'Exampleshire SENDIASS', phone: '01234 567890', website: 'https://sendiass.example.org' },
  mediation: { name: 'Global Mediation', email: 'mediation@example.org' },
  disagreementResolution: { name: 'Example Disagreement Resolution Service', phone: '01234 111222' },
};
