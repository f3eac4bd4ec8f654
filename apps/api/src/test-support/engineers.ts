/** A registered fire engineer registration (LIC-12) as the portal sends it. */
export const registrationInput = (materials: string[], idNumber = '44010619900101123X') => ({
  regionCode: '440106',
  name: '张工',
  idNumber,
  level: 'first',
  qualificationNo: 'ZG2025440001',
  employer: '广州某消防技术服务有限公司',
  employerUsci: '91440106MA5C0000XX',
  phone: '13800001111',
  mailingAddress: '广州市天河区某路 1 号',
  materials,
  commitmentAccepted: true,
});
