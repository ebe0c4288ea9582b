/*
 * http-debug.c: the --debug log of requests and responses, and the
 * redaction that keeps secrets out of it.
 *
 * Headers are logged as libcurl actually sent and received them (its
 * debug callback), so the log shows Host, Content-Length and connection
 * reuse ("Re-using existing connection"). Every line passes through the
 * redaction first: the Signature of an AWS4 Authorization header (its
 * Credential and SignedHeaders stay, as in --dry-run), token and secret
 * headers, and secret fields of bodies and query strings in the three
 * syntaxes AWS uses (XML elements, JSON members, form/query pairs), e.g.
 * the SecretAccessKey and SessionToken of STS, IMDS and container
 * answers. Bodies are logged as the AWS CLI does when they are in memory,
 * textual and at most HTTP_DEBUG_BODY_MAX bytes; others as a byte count.
 */
#include "hs-common.h"
#include "http-int.h"

#include <ctype.h>
#include <strings.h>

#define HTTP_DEBUG_BODY_MAX (64 * 1024)
#define REDACTED "REDACTED"

/* Field names whose values are secrets, compared case-insensitively. */
static const char *const secret_fields[] = {
	"AccessToken", "AuthorizationToken", "aws_secret_access_key",
	"aws_session_token", "ClientSecret", "IdToken", "NewPassword",
	"OldPassword", "Password", "Plaintext", "PrivateKey", "RefreshToken",
	"SAMLAssertion", "SecretAccessKey", "SecretBinary", "SecretString",
	"SecurityToken", "SessionToken", "Signature", "sso_bearer_token",
	"Token", "TokenCode", "WebIdentityToken", "X-Amz-Security-Token",
	"X-Amz-Signature",
};

/* Header names that are secrets whatever they contain. */
static const char *const secret_headers[] = {
	"authorization", "cookie", "proxy-authorization", "set-cookie",
	"x-amz-security-token", "x-amz-sso_bearer_token", "x-api-key",
	"x-aws-ec2-metadata-token",
};

/* Tell whether name (len bytes) is a secret field. */
static bool
field_is_secret(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(secret_fields); i++)
		if (strlen(secret_fields[i]) == len &&
		    strncasecmp(secret_fields[i], name, len) == 0)
			return true;
	return false;
}

/* Tell whether a lower-cased header name looks like it holds a secret. */
static bool
lname_is_secret(const char *n)
{
	if (hs_ends_with(n, "-ttl-seconds") || hs_ends_with(n, "-md5") ||
	    hs_ends_with(n, "-key-id"))
		return false;
	return strstr(n, "token") != NULL || strstr(n, "secret") != NULL ||
	    strstr(n, "password") != NULL || strstr(n, "passwd") != NULL ||
	    strstr(n, "credential") != NULL || hs_ends_with(n, "-key") ||
	    hs_ends_with(n, "_key");
}

/* Tell whether a header's value is a secret that logs must not show. */
bool
aws_http_header_is_secret(const char *name)
{
	char *lower = hs_xstrdup(name), *p;
	bool secret = false;
	size_t i;

	for (p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (i = 0; i < HS_ARRAY_SIZE(secret_headers) && !secret; i++)
		secret = strcmp(lower, secret_headers[i]) == 0;
	if (!secret)
		secret = lname_is_secret(lower);
	free(lower);
	return secret;
}

/* Append an AWS4 Authorization value with its Signature redacted. */
static void
redact_aws4_authorization(struct hs_buf *out, const char *value)
{
	const char *sig = strstr(value, "Signature=");

	if (sig == NULL) {
		hs_buf_adds(out, value);
		return;
	}
	sig += strlen("Signature=");
	hs_buf_add(out, value, (size_t)(sig - value));
	hs_buf_adds(out, REDACTED);
	hs_buf_adds(out, sig + strcspn(sig, ", "));
}

/* Append "name: value" with secrets redacted. */
void
aws_http_redact_header(struct hs_buf *out, const char *name,
    const char *value)
{
	hs_buf_addf(out, "%s: ", name);
	if (strcasecmp(name, "Authorization") == 0 &&
	    hs_starts_with(value, "AWS4-"))
		redact_aws4_authorization(out, value);
	else if (aws_http_header_is_secret(name))
		hs_buf_adds(out, REDACTED);
	else
		hs_buf_adds(out, value);
}

static bool
is_name_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '-' ||
	    ch == '.' || ch == ':';
}

/* The end of a JSON string that starts after its opening quote. */
static size_t
json_string_end(const char *t, size_t len, size_t k)
{
	while (k < len && t[k] != '"') {
		if (t[k] == '\\' && k + 1 < len)
			k++;
		k++;
	}
	return k;
}

/* Where the secret value of the name t[i..j) starts and ends, per the
 * syntax around it; false if it is not a name-value pair. */
static bool
value_span(const char *t, size_t len, size_t i, size_t j, size_t *vs,
    size_t *ve)
{
	char before = i > 0 ? t[i - 1] : '&';
	size_t k = j;

	if (before == '"' && j < len && t[j] == '"') {		/* JSON */
		for (k = j + 1; k < len && isspace((unsigned char)t[k]); k++)
			;
		if (k >= len || t[k] != ':')
			return false;
		for (k++; k < len && isspace((unsigned char)t[k]); k++)
			;
		if (k >= len || t[k] != '"')
			return false;
		*vs = k + 1;
		*ve = json_string_end(t, len, k + 1);
		return true;
	}
	if (before == '<' && j < len && (t[j] == '>' || t[j] == ' ')) {
		while (k < len && t[k] != '>')				/* XML */
			k++;
		if (k >= len || t[k - 1] == '/')
			return false;
		*vs = k + 1;
		for (*ve = *vs; *ve < len && t[*ve] != '<'; (*ve)++)
			;
		return true;
	}
	if ((before == '&' || before == '?') && j < len && t[j] == '=') {
		*vs = j + 1;						/* form */
		for (*ve = *vs; *ve < len && !strchr("& \r\n\"#", t[*ve]);
		    (*ve)++)
			;
		return true;
	}
	return false;
}

/* Tell whether t[i..j) names a secret, ignoring an XML prefix ("a:"). */
static bool
name_is_secret(const char *t, size_t i, size_t j)
{
	const char *colon = memchr(t + i, ':', j - i);

	if (colon != NULL)
		i = (size_t)(colon - t) + 1;
	return field_is_secret(t + i, j - i);
}

/* Append text with secret values replaced by REDACTED. */
void
aws_http_redact_text(struct hs_buf *out, const char *t, size_t len)
{
	size_t i = 0, copied = 0;

	while (i < len) {
		size_t j = i, vs, ve;

		if (!is_name_char(t[i]) || (i > 0 && is_name_char(t[i - 1]))) {
			i++;
			continue;
		}
		while (j < len && is_name_char(t[j]))
			j++;
		if (name_is_secret(t, i, j) &&
		    value_span(t, len, i, j, &vs, &ve) && ve > vs) {
			hs_buf_add(out, t + copied, vs - copied);
			hs_buf_adds(out, REDACTED);
			copied = ve;
			i = ve;
		} else
			i = j;
	}
	hs_buf_add(out, t + copied, len - copied);
}

/* Log a header line with its prefix, redacted. */
static void
log_header_line(struct aws_http_client *c, char dir, const char *line,
    size_t len, bool first)
{
	struct hs_buf b = HS_BUF_INIT;
	const char *colon = memchr(line, ':', len);

	hs_buf_addf(&b, "%c ", dir);
	if (first || colon == NULL) {
		aws_http_redact_text(&b, line, len);	/* request/status line */
	} else {
		char *name = hs_xstrndup(line, (size_t)(colon - line));
		const char *v = colon + 1;
		char *value;

		while (v < line + len && (*v == ' ' || *v == '\t'))
			v++;
		value = hs_xstrndup(v, (size_t)(line + len - v));
		aws_http_redact_header(&b, name, value);
		free(name);
		hs_free_secret(value);
	}
	http_log(c, "%s", b.buf);
	hs_buf_cleanse(&b);
}

/* Log each line of a block of headers. */
static void
log_header_block(struct aws_http_client *c, char dir, const char *data,
    size_t size, bool first_is_start)
{
	size_t i = 0;
	bool first = first_is_start;

	while (i < size) {
		size_t end = i, next;

		while (end < size && data[end] != '\n')
			end++;
		next = end + 1;
		if (end > i && data[end - 1] == '\r')
			end--;
		if (end > i) {
			bool status = dir == '<' && end - i >= 5 &&
			    strncmp(data + i, "HTTP/", 5) == 0;

			log_header_line(c, dir, data + i, end - i,
			    first || status);
		}
		first = false;
		i = next;
	}
}

/* The CURLOPT_DEBUGFUNCTION: connection notes and headers, redacted. */
int
http_debug_curl(CURL *h, curl_infotype type, char *data, size_t size,
    void *arg)
{
	struct aws_http_client *c = arg;
	struct hs_buf b = HS_BUF_INIT;

	switch (type) {
	case CURLINFO_TEXT:
		while (size > 0 && (data[size - 1] == '\n' ||
		    data[size - 1] == '\r'))
			size--;
		hs_buf_adds(&b, "* ");
		aws_http_redact_text(&b, data, size);
		http_log(c, "%s", b.buf);
		break;
	case CURLINFO_HEADER_OUT:
		log_header_block(c, '>', data, size, true);
		break;
	case CURLINFO_HEADER_IN:
		log_header_block(c, '<', data, size, false);
		break;
	default:
		break;
	}
	hs_buf_cleanse(&b);
	return 0;
}

/* Tell whether a body is text worth showing. */
static bool
looks_textual(const char *s, size_t len)
{
	size_t i, odd = 0;

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == 0)
			return false;
		if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t')
			odd++;
	}
	return odd * 100 <= len;
}

/* Log each line of an already redacted text with a prefix. */
static void
log_lines(struct aws_http_client *c, char dir, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t end = i;

		while (end < len && s[end] != '\n')
			end++;
		http_log(c, "%c %.*s", dir, (int)(end > i && s[end - 1] == '\r' ?
		    end - i - 1 : end - i), s + i);
		i = end + 1;
	}
}

/* Log a body (request '>' or response '<') if small and textual. */
void
http_debug_body(struct aws_http_client *c, char dir, enum aws_body_kind kind,
    const struct hs_buf *mem, const char *path, off_t length, bool secret)
{
	struct hs_buf b = HS_BUF_INIT;

	if (!http_logging(c) || kind == AWS_BODY_NONE || length == 0)
		return;
	if (secret)
		http_log(c, "%c [body of %lld bytes not shown: it is a secret]",
		    dir, (long long)length);
	else if (kind == AWS_BODY_FILE)
		http_log(c, "%c [body of %lld bytes %s '%s']", dir,
		    (long long)length, dir == '>' ? "from" : "to", path);
	else if (length > HTTP_DEBUG_BODY_MAX ||
	    !looks_textual(mem->buf, mem->len))
		http_log(c, "%c [body of %lld bytes not shown]", dir,
		    (long long)length);
	else {
		aws_http_redact_text(&b, mem->buf, mem->len);
		http_log(c, "%c [body of %lld bytes]", dir, (long long)length);
		log_lines(c, dir, b.buf, b.len);
	}
	hs_buf_cleanse(&b);
}
