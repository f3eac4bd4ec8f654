import { OrganisationFactsBody } from '@fep/contracts';
import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** The JSON columns of `service_organisations` (MKT-01), read and written through their schemas. */
export const DECLARED_FACTS = jsonColumn('service_organisations.declared_json', OrganisationFactsBody);
export const VERIFIED_FACTS = jsonColumn('service_organisations.verified_json', OrganisationFactsBody);
export const FAILURES = jsonColumn('service_organisations.failures_json', Type.Array(Type.String()));
