/*
 * sigv4-case.h: read one SigV4 test-vector case folder (the layout of
 * ../shared/testdata/sigv4, see its README.md) into an aws_request and
 * signing parameters. Shared by tests/sigv4-vector and the CUnit vector
 * tests, so both read the cases the same way.
 *
 * Ownership: everything in a sigv4_case belongs to it and is freed by
 * sigv4_case_clear(); sigv4_case_read() returns a string the caller frees.
 */
#ifndef HS_TESTS_SIGV4_CASE_H
#define HS_TESTS_SIGV4_CASE_H

#include "hs-common.h"
#include "credentials.h"
#include "request.h"
#include "sigv4.h"

struct sigv4_case {
	struct aws_request request;	/* as request.txt describes it */
	struct aws_credentials *credentials;
	char *region;
	char *service;
	time_t now;			/* context "timestamp" */
	unsigned flags;			/* enum sigv4_flags from the context */
	long expires;			/* expiration_in_seconds, 3600 if absent */
};

/* Read request.txt and context.json of a case folder. */
int sigv4_case_load(struct sigv4_case *c, const char *dir, char **cause);
/* Free everything in a case. */
void sigv4_case_clear(struct sigv4_case *c);
/* Read DIR/NAME whole, or NULL (with *cause) when it cannot be read. */
char *sigv4_case_read(const char *dir, const char *name, char **cause);
/* The X-Amz-Signature value in a query-signed-request.txt text, or NULL. */
char *sigv4_case_query_signature(const char *signed_request);
/* Parse a raw HTTP request (request.txt) into r. */
int sigv4_case_parse_request(struct aws_request *r, const char *text,
    char **cause);

#endif
