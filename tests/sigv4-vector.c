/*
 * sigv4-vector: sign one SigV4 test-vector case and write what the signer
 * computed, so a script can diff it with the expected files.
 *
 *   sigv4-vector CASE_DIR OUT_DIR
 *	reads CASE_DIR/request.txt and context.json, signs in the header
 *	form and writes OUT_DIR/canonical-request.txt, string-to-sign.txt
 *	and authorization.txt (no newline at the end, as in the suite).
 *   sigv4-vector --presign CASE_DIR OUT_DIR
 *	signs in the query string (X-Amz-Expires from the context) and
 *	writes query-canonical-request.txt, query-string-to-sign.txt and
 *	query-signature.txt.
 *
 * Exit status: 0 written, 1 failed (the reason on stderr), 2 usage.
 */
#include "hs-common.h"
#include "sigv4-case.h"
#include "sigv4.h"

#include <errno.h>

/* Write text to DIR/NAME; -1 with a message on failure. */
static int
write_file(const char *dir, const char *name, const char *text)
{
	char *path = hs_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	int rc = -1;

	if (f == NULL) {
		fprintf(stderr, "sigv4-vector: cannot create '%s': %s\n", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	if (fputs(text, f) >= 0 && fclose(f) == 0)
		rc = 0;
	else
		fprintf(stderr, "sigv4-vector: cannot write '%s'\n", path);
	free(path);
	return rc;
}

/* Sign the case and write the three files of its form. */
static int
run(const char *case_dir, const char *out_dir, bool presign)
{
	struct sigv4_case c;
	struct sigv4_trace t = SIGV4_TRACE_INIT;
	struct sigv4_params p;
	char *cause = NULL;
	int rc = 1;

	if (sigv4_case_load(&c, case_dir, &cause) < 0)
		goto cleanup;
	memset(&p, 0, sizeof p);
	p.credentials = c.credentials;
	p.region = c.region;
	p.service = c.service;
	p.now = c.now;
	p.flags = c.flags | (presign ? SIGV4_PRESIGN : 0);
	p.expires = c.expires;
	if (sigv4_sign(&c.request, &p, &t, &cause) < 0)
		goto cleanup;
	if (presign)
		rc = write_file(out_dir, "query-canonical-request.txt",
		    t.canonical_request) || write_file(out_dir,
		    "query-string-to-sign.txt", t.string_to_sign) ||
		    write_file(out_dir, "query-signature.txt", t.signature);
	else
		rc = write_file(out_dir, "canonical-request.txt",
		    t.canonical_request) || write_file(out_dir,
		    "string-to-sign.txt", t.string_to_sign) ||
		    write_file(out_dir, "authorization.txt", t.authorization);
cleanup:
	if (cause != NULL)
		fprintf(stderr, "sigv4-vector: %s: %s\n", case_dir, cause);
	free(cause);
	sigv4_trace_clear(&t);
	sigv4_case_clear(&c);
	return rc ? 1 : 0;
}

int
main(int argc, char **argv)
{
	bool presign = argc > 1 && strcmp(argv[1], "--presign") == 0;

	if (argc != 3 + presign) {
		fprintf(stderr, "usage: sigv4-vector [--presign] CASE_DIR "
		    "OUT_DIR\n");
		return 2;
	}
	return run(argv[1 + presign], argv[2 + presign], presign);
}
