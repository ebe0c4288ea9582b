/*
 * hs-exit.h: hipaa-shell's exit statuses, the one place they are named.
 *
 * They are the AWS CLI v2's return codes (its "return-codes" help topic),
 * plus 3 for a request that a guardrail refused. A command's exec returns
 * one of these (or a host command's own status for `!CMD`); the shell exits
 * with it in -c and --batch mode. man/hipaa-shell.1 documents each one.
 */
#ifndef HS_EXIT_H
#define HS_EXIT_H

enum hs_exit {
	/* The command succeeded. */
	HS_EXIT_OK = 0,
	/* s3 transfers: at least one transfer failed. */
	HS_EXIT_TRANSFER_FAILED = 1,
	/* policy check: a finding is an error (the AWS CLI's status for
	 * "the command ran, and what it found is a failure"). */
	HS_EXIT_POLICY_ERRORS = 1,
	/* s3 transfers: files were skipped (the CLI's legacy parse-error
	 * status; hipaa-shell, like CLI v2, reports syntax errors as 252). */
	HS_EXIT_SKIPPED = 2,
	/* hipaa-shell only: a guardrail refused the request. */
	HS_EXIT_GUARDRAIL = 3,
	/* The command was interrupted by SIGINT (Ctrl-C). */
	HS_EXIT_INTERRUPTED = 130,
	/* Invalid syntax, unknown command or parameter, or a bad value. */
	HS_EXIT_USAGE = 252,
	/* The environment or configuration is invalid (no credentials...). */
	HS_EXIT_CONFIG = 253,
	/* The request was sent and the service answered with an error. */
	HS_EXIT_SERVICE = 254,
	/* Any other failure (I/O, a local error). */
	HS_EXIT_GENERAL = 255,
};

#endif
