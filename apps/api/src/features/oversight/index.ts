/**
 * Enforcement oversight (ENF-08, OVS-02, OVS-03): interference records, complaints about officers, case file
 * review, training and the officer's enforcement file. The one feature that writes `interference_records`,
 * `officer_complaints`, `case_reviews`, `case_review_officers` and `officer_training`. Complaints imports
 * `submitOfficerComplaint`; the routes are registered in app.ts.
 */
export { oversightRoutes } from './oversight.routes.ts';
/** The public hazard-report form hands complaints about officers to this channel (消防法 art. 57, CMP-01). */
export { submitOfficerComplaint } from './use-cases/submit-officer-complaint.ts';
