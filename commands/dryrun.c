/*
 * dryrun.c: --dry-run prints each request that would be sent, fully
 * signed, instead of sending it (DESIGN.md): the request line, the
 * headers as signed, a blank line and the body. Secrets are redacted by
 * aws/sigv4's redaction (the signature and the session token); the
 * access key ID stays, to show which credentials were picked.
 */
#include "hs-common.h"
#include "operation.h"
#include "aws/sigv4.h"

#include <sys/stat.h>

/* Tell whether a body is text worth showing (UTF-8, no NUL). */
static bool
printable(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t'))
			return false;
	}
	return true;
}

/* The size a file body will have. */
static long long
file_body_size(const struct aws_request *req)
{
	struct stat st;

	if (req->body_file_length >= 0)
		return (long long)req->body_file_length;
	if (stat(req->body_file, &st) < 0)
		return -1;
	return (long long)(st.st_size - req->body_file_offset);
}

/* Append a signed request, secrets redacted. */
void
hs_dryrun_format(struct hs_buf *out, const struct aws_request *req)
{
	char *url = aws_request_url(req), *safe = sigv4_redact_url(url);
	size_t i;

	hs_buf_addf(out, "%s %s\n", req->method, safe);
	for (i = 0; i < req->headers.n; i++) {
		char *v = sigv4_redact_header(req->headers.items[i].name,
		    req->headers.items[i].value);

		hs_buf_addf(out, "%s: %s\n", req->headers.items[i].name, v);
		free(v);
	}
	hs_buf_addch(out, '\n');
	if (req->body_kind == AWS_BODY_FILE)
		hs_buf_addf(out, "<%lld bytes from %s>\n", file_body_size(req),
		    req->body_file);
	else if (req->body_kind == AWS_BODY_MEMORY && req->body.len > 0 &&
	    printable(req->body.buf, req->body.len)) {
		hs_buf_add(out, req->body.buf, req->body.len);
		if (req->body.buf[req->body.len - 1] != '\n')
			hs_buf_addch(out, '\n');
	} else if (req->body_kind == AWS_BODY_MEMORY && req->body.len > 0)
		hs_buf_addf(out, "<%zu bytes>\n", req->body.len);
	free(url);
	free(safe);
}
