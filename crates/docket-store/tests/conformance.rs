//! Runs the conformance suite against SQLite, and against PostgreSQL when `DOCKET_TEST_PG_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use docket_store::conformance::*;

docket_store::on_both_backends!(
    committed_entries_form_one_chain_per_court,
    a_case_reads_back_as_it_was_written,
    a_conflicting_batch_stores_nothing,
    concurrent_filings_get_unique_gap_free_numbers,
    allocation_continues_after_imported_numbers,
    a_failed_filing_leaves_no_gap,
    reference_data_and_log_scans_read_back,
    replacing_projections_writes_exactly_the_states_given,
    open_cases_and_holiday_years_read_back,
    settings_read_back_and_are_replaced,
    cases_are_found_by_their_parties,
    a_link_reaches_the_cases_of_its_party_or_lawyer,
    portal_accounts_read_back_with_their_link_consent_and_second_factor,
    the_cases_whose_last_electronic_service_failed_are_read,
    accounts_sessions_and_audit_read_back,
    concurrent_sign_in_attempts_reserve_at_most_the_allowance,
    entries_and_evidence_are_leaves_of_one_tree,
    disabling_an_account_or_changing_its_password_ends_its_sessions,
    audit_lines_are_found_by_who_what_and_when_a_page_at_a_time,
    the_audit_chain_finds_an_edited_or_deleted_line,
    the_audit_chain_finds_lines_deleted_from_its_end,
    cases_are_searched_with_the_read_rule_in_the_query,
    a_case_is_found_by_any_part_of_a_name_and_a_case_number_from_any_field,
    the_queues_read_waiting_cases_and_let_them_go,
    the_enforcement_lists_read_exactly_their_cases,
    the_cases_holding_a_fee_are_read_from_their_closing,
    the_discussed_and_distinguished_cases_are_read_by_their_facts,
    the_cases_with_a_document_waiting_are_read_by_their_facts,
    notifications_are_kept_per_judge_and_marked_read,
);
