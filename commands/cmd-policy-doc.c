/*
 * cmd-policy-doc.c: a policy document given to a `policy` command, read
 * and parsed, with errors an operator can act on.
 *
 * As in the AWS CLI, a value that starts with file:// names a file (a
 * leading ~ is the home folder; a relative path starts at the working
 * folder, see .cd), and any other value is the JSON document itself, so
 * a policy pasted in single quotes over several lines works too. A bare
 * file name is neither, and is refused with the file:// form to use.
 *
 * Errors: a file that cannot be read is 255 (FileError); a value that is
 * no document, and a document AWS would reject, are 252, the latter with
 * AWS's own code MalformedPolicyDocument, the line and column, and the
 * JSON path of the offending element.
 */
#include "hs-common.h"
#include "commands-int.h"

#include <errno.h>

/* IAM's policy size limits are a few kilobytes; this is generous. */
#define POLICY_DOC_MAX ((size_t)1 << 20)

/* Read the file at path (at most POLICY_DOC_MAX bytes) into b; -1 with
 * *cause. */
static int
read_doc(const char *path, struct hs_buf *b, char **cause)
{
	FILE *fp = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int rc = -1;

	if (fp == NULL) {
		*cause = hs_xasprintf("cannot read policy '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		if (hs_buf_add(b, chunk, n) < 0) {
			*cause = hs_xasprintf("cannot read policy '%s': larger "
			    "than %zu KiB", path, POLICY_DOC_MAX >> 10);
			goto cleanup;
		}
	if (ferror(fp)) {
		*cause = hs_xasprintf("cannot read policy '%s': %s", path,
		    strerror(errno));
		goto cleanup;
	}
	rc = 0;
cleanup:
	fclose(fp);
	return rc;
}

/* Tell whether value is a JSON document rather than a file name. */
static bool
is_document(const char *value)
{
	value += strspn(value, " \t\r\n");
	return *value == '{';
}

/* The type to parse a document as, for the kind of argument. */
static enum policy_type
doc_type(enum hs_policy_kind kind, const char *text, size_t len)
{
	enum policy_type t;

	if (kind == HS_POLICY_IDENTITY)
		return POLICY_IDENTITY;
	t = policy_guess_type(text, len);
	if (kind == HS_POLICY_RESOURCE && t == POLICY_IDENTITY)
		return POLICY_RESOURCE;
	return t;
}

/* Parse text as a policy named id; a status, with ctx's error set. */
static int
parse_doc(struct hs_ctx *ctx, enum hs_policy_kind kind, const char *text,
    size_t len, const char *id, struct policy **out)
{
	struct policy_parse_opts o = { doc_type(kind, text, len), id, NULL };
	char *cause = NULL;

	*out = policy_parse(text, len, &o, &cause);
	if (*out != NULL)
		return 0;
	hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_MALFORMED_POLICY,
	    "malformed policy '%s': %s", id, cause);
	free(cause);
	return HS_EXIT_USAGE;
}

/* Check that value is file://PATH or JSON text, not a bare file name;
 * a status. */
int
hs_policy_check_form(struct hs_ctx *ctx, const char *value)
{
	if (is_document(value) || hs_starts_with(value, "file://"))
		return 0;
	return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE, "'%s' is no "
	    "policy document; to read the file, write file://%s", value,
	    value);
}

/* Read and parse the policy document given as value. */
int
hs_policy_load(struct hs_ctx *ctx, const char *value,
    enum hs_policy_kind kind, const char *literal_id, struct policy **out)
{
	struct hs_buf b = HS_BUF_INIT_CAP(POLICY_DOC_MAX);
	char *path, *cause = NULL;
	int rc;

	*out = NULL;
	if (is_document(value))
		return parse_doc(ctx, kind, value, strlen(value), literal_id,
		    out);
	if ((rc = hs_policy_check_form(ctx, value)) != 0)
		return rc;
	path = hs_expand_home(value + strlen("file://"));
	if (read_doc(path, &b, &cause) < 0) {
		rc = hs_ctx_fail(ctx, HS_EXIT_GENERAL, HS_ERR_FILE, "%s", cause);
		free(cause);
	} else {
		rc = parse_doc(ctx, kind, b.buf, b.len,
		    value + strlen("file://"), out);
	}
	hs_buf_release(&b);
	free(path);
	return rc;
}
