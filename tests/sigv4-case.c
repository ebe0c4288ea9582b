/*
 * sigv4-case.c: read a SigV4 test-vector case folder.
 *
 * request.txt is parsed as the suite's README says: the method is the
 * first token of line 1 and the version the last, so a raw space inside
 * the path (get-space) survives; a header line starting with white space
 * continues the previous value (obs-fold); the body is every byte after
 * the first blank line. Query items are split on '&' and the first '=',
 * then percent-decoded into r->query (an item without '=' has no value).
 */
#include "hs-common.h"
#include "sigv4-case.h"
#include "sigv4-int.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <sys/stat.h>

/* Read DIR/NAME whole, or NULL (with *cause) when it cannot be read. */
char *
sigv4_case_read(const char *dir, const char *name, char **cause)
{
	char *path = hs_xasprintf("%s/%s", dir, name);
	struct hs_buf b = HS_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		*cause = hs_xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (hs_buf_add(&b, chunk, n) < 0)
			break;
	if (ferror(f) || hs_buf_failed(&b)) {
		*cause = hs_xasprintf("cannot read '%s'", path);
		fclose(f);
		free(path);
		hs_buf_release(&b);
		return NULL;
	}
	fclose(f);
	free(path);
	return hs_buf_detach(&b, NULL);
}

/* Decode one query component, keeping it raw if it is not valid. */
static char *
decode(const char *s, size_t n)
{
	struct hs_buf b = HS_BUF_INIT;

	if (aws_uri_decode(&b, s, n, false) < 0) {
		hs_buf_reset(&b);
		hs_buf_add(&b, s, n);
	}
	return hs_buf_detach(&b, NULL);
}

/* Split a query string into r->query. */
static void
parse_query(struct aws_request *r, const char *q)
{
	while (*q != '\0') {
		size_t n = strcspn(q, "&");
		const char *eq = memchr(q, '=', n);

		if (n > 0) {
			char *name = decode(q, eq ? (size_t)(eq - q) : n);
			char *value = eq ? decode(eq + 1, n - (size_t)(eq - q) - 1)
			    : NULL;

			aws_kvlist_add(&r->query, name, value);
			free(name);
			free(value);
		}
		q += n + (q[n] == '&');
	}
}

/* Read "METHOD target HTTP/1.1" into method, path and query. */
static int
parse_request_line(struct aws_request *r, const char *line, size_t len,
    char **cause)
{
	const char *sp1 = memchr(line, ' ', len), *sp2 = line + len;
	char *target, *q;

	while (sp2 > line && sp2[-1] != ' ')
		sp2--;
	if (sp1 == NULL || sp2 - 1 <= sp1) {
		*cause = hs_xasprintf("bad request line '%.*s'", (int)len, line);
		return -1;
	}
	r->method = hs_xstrndup(line, (size_t)(sp1 - line));
	target = hs_xstrndup(sp1 + 1, (size_t)(sp2 - 1 - sp1 - 1));
	q = strchr(target, '?');
	if (q != NULL) {
		*q = '\0';
		parse_query(r, q + 1);
	}
	aws_request_set_path(r, target);
	free(target);
	return 0;
}

/* Add the header held in name/value, if any. */
static void
flush_header(struct aws_request *r, struct hs_buf *name, struct hs_buf *value)
{
	if (name->len > 0)
		aws_kvlist_add(&r->headers, name->buf, value->buf);
	hs_buf_reset(name);
	hs_buf_reset(value);
}

/* Read the header lines (obs-fold continuations joined with '\n'). */
static int
parse_headers(struct aws_request *r, const char *p, const char *end,
    char **cause)
{
	struct hs_buf name = HS_BUF_INIT, value = HS_BUF_INIT;
	int rc = -1;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		const char *colon = memchr(p, ':', n);

		if (n > 0 && (*p == ' ' || *p == '\t') && name.len > 0) {
			hs_buf_addch(&value, '\n');
			hs_buf_add(&value, p, n);
		} else if (n > 0) {
			if (colon == NULL || colon == p) {
				*cause = hs_xasprintf("bad header line '%.*s'",
				    (int)n, p);
				goto cleanup;
			}
			flush_header(r, &name, &value);
			hs_buf_add(&name, p, (size_t)(colon - p));
			hs_buf_add(&value, colon + 1, n - (size_t)(colon - p) - 1);
		}
		p += n + 1;
	}
	flush_header(r, &name, &value);
	rc = 0;
cleanup:
	hs_buf_release(&name);
	hs_buf_release(&value);
	return rc;
}

/* Parse a raw HTTP request (request.txt) into r. */
int
sigv4_case_parse_request(struct aws_request *r, const char *text,
    char **cause)
{
	const char *nl = strchr(text, '\n');
	const char *blank = strstr(text, "\n\n");
	const char *hend = blank ? blank + 1 : text + strlen(text);
	const char *host;

	if (parse_request_line(r, text, nl ? (size_t)(nl - text) :
	    strlen(text), cause) < 0)
		return -1;
	if (nl != NULL && nl < hend &&
	    parse_headers(r, nl + 1, hend, cause) < 0)
		return -1;
	if (blank != NULL && blank[2] != '\0')
		aws_request_set_body(r, blank + 2, strlen(blank + 2));
	r->scheme = hs_xstrdup("https");
	host = aws_kvlist_get(&r->headers, "Host");
	r->host = hs_xstrdup(host ? host : "");
	return 0;
}

/* Read a boolean context key into a flag. */
static void
flag(const cJSON *ctx, const char *key, bool when, unsigned bit,
    unsigned *flags)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(ctx, key);

	if (cJSON_IsBool(v) && cJSON_IsTrue(v) == when)
		*flags |= bit;
}

static const char *
str(const cJSON *ctx, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(ctx, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Read context.json into credentials, scope, time and flags. */
static int
load_context(struct sigv4_case *c, const char *text, char **cause)
{
	cJSON *ctx = cJSON_Parse(text);
	const cJSON *exp;
	int rc = -1;

	if (ctx == NULL || str(ctx, "access_key_id") == NULL ||
	    str(ctx, "secret_access_key") == NULL || str(ctx, "region") ==
	    NULL || str(ctx, "service") == NULL || str(ctx, "timestamp") ==
	    NULL) {
		*cause = hs_xstrdup("context.json lacks a required key");
		goto cleanup;
	}
	c->credentials = aws_credentials_new(str(ctx, "access_key_id"),
	    str(ctx, "secret_access_key"), str(ctx, "session_token"), 0,
	    "vector");
	c->region = hs_xstrdup(str(ctx, "region"));
	c->service = hs_xstrdup(str(ctx, "service"));
	if (sigv4_parse_time(str(ctx, "timestamp"), &c->now) < 0) {
		*cause = hs_xasprintf("bad timestamp '%s'",
		    str(ctx, "timestamp"));
		goto cleanup;
	}
	flag(ctx, "normalize_path", false, SIGV4_NO_NORMALIZE, &c->flags);
	flag(ctx, "sign_body", true, SIGV4_CONTENT_SHA256, &c->flags);
	flag(ctx, "omit_session_token", true, SIGV4_TOKEN_AFTER, &c->flags);
	flag(ctx, "unsigned_payload", true, SIGV4_UNSIGNED_PAYLOAD, &c->flags);
	exp = cJSON_GetObjectItemCaseSensitive(ctx, "expiration_in_seconds");
	c->expires = cJSON_IsNumber(exp) ? (long)exp->valuedouble : 3600;
	rc = 0;
cleanup:
	cJSON_Delete(ctx);
	return rc;
}

/* Read request.txt and context.json of a case folder. */
int
sigv4_case_load(struct sigv4_case *c, const char *dir, char **cause)
{
	char *req = NULL, *ctx = NULL;
	int rc = -1;

	memset(c, 0, sizeof *c);
	aws_request_init(&c->request);
	if ((req = sigv4_case_read(dir, "request.txt", cause)) == NULL ||
	    (ctx = sigv4_case_read(dir, "context.json", cause)) == NULL)
		goto cleanup;
	if (sigv4_case_parse_request(&c->request, req, cause) < 0 ||
	    load_context(c, ctx, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	free(req);
	free(ctx);
	return rc;
}

/* Free everything in a case. */
void
sigv4_case_clear(struct sigv4_case *c)
{
	aws_request_clear(&c->request);
	aws_credentials_release(c->credentials);
	free(c->region);
	free(c->service);
	memset(c, 0, sizeof *c);
}

/* The X-Amz-Signature value in a query-signed-request.txt text. */
char *
sigv4_case_query_signature(const char *signed_request)
{
	const char *p = strstr(signed_request, "X-Amz-Signature=");

	if (p == NULL)
		return NULL;
	p += strlen("X-Amz-Signature=");
	return hs_xstrndup(p, strcspn(p, "& \n"));
}
