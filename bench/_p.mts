import { sm2 } from 'sm-crypto-v2';
import { renderDocumentPdf } from '../apps/api/src/platform/documents/pdf.ts';
import { sm2Sign } from '../apps/api/src/platform/documents/seal.ts';
const spec = { title: '公众聚集场所投入使用、营业前消防安全检查合格证', number: '辽阳消安许字〔2026〕第0007号', rows: [['单位名称','辽阳市鑫垚餐饮管理有限公司'],['场所名称','鑫源大酒店']] as Array<[string,string]>, agencyName:'辽阳市消防救援支队', issuedOn:'2026-11-26', qrUrl:'http://localhost:3000/verify/ABCD1234EFGH' };
await renderDocumentPdf(spec);
let t = Date.now(); for (let i = 0; i < 30; i++) await renderDocumentPdf(spec); console.log('render ms', (Date.now() - t) / 30);
const pair = sm2.generateKeyPairHex(); t = Date.now(); for (let i = 0; i < 100; i++) sm2Sign(pair, 'abc' + i); console.log('sign ms', (Date.now() - t) / 100);
