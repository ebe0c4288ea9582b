/*
 * sigv4-redact.c: hide signatures and session tokens in what is shown to
 * people (--dry-run, --debug, logs), keeping what helps them: the access
 * key ID in Credential= (not a secret: it says which credentials were
 * picked), the scope and the signed headers.
 */
#include "hs-common.h"
#include "sigv4-int.h"

#include <strings.h>

#define REDACTED "REDACTED"

/* Replace the value after "Signature=" (up to ',' or the end). */
static char *
redact_authorization(const char *value)
{
	struct hs_buf b = HS_BUF_INIT;
	const char *p = value, *sig = NULL;

	while ((p = strstr(p, "Signature=")) != NULL) {
		if (p == value || p[-1] == ' ' || p[-1] == ',')
			sig = p;
		p++;
	}
	if (sig == NULL)
		return hs_xstrdup(value);
	sig += strlen("Signature=");
	hs_buf_add(&b, value, (size_t)(sig - value));
	hs_buf_adds(&b, REDACTED);
	hs_buf_adds(&b, sig + strcspn(sig, ","));
	return hs_buf_detach(&b, NULL);
}

/* Redact a header value for logs and --dry-run. */
char *
sigv4_redact_header(const char *name, const char *value)
{
	if (value == NULL)
		return hs_xstrdup("");
	if (strcasecmp(name, "Authorization") == 0)
		return redact_authorization(value);
	if (strcasecmp(name, "X-Amz-Security-Token") == 0)
		return hs_xstrdup(REDACTED);
	return hs_xstrdup(value);
}

/* Tell whether a query parameter "name=value" holds a secret. */
static bool
secret_param(const char *p, size_t n)
{
	static const char *const names[] = {
		"X-Amz-Signature=", "X-Amz-Security-Token=",
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(names); i++)
		if (n >= strlen(names[i]) &&
		    strncasecmp(p, names[i], strlen(names[i])) == 0)
			return true;
	return false;
}

/* Redact X-Amz-Signature and X-Amz-Security-Token values in a URL. */
char *
sigv4_redact_url(const char *url)
{
	struct hs_buf b = HS_BUF_INIT;
	const char *q = strchr(url, '?'), *p;

	if (q == NULL)
		return hs_xstrdup(url);
	hs_buf_add(&b, url, (size_t)(q - url + 1));
	for (p = q + 1; *p != '\0';) {
		size_t n = strcspn(p, "&#");

		if (secret_param(p, n)) {
			hs_buf_add(&b, p, strcspn(p, "=") + 1);
			hs_buf_adds(&b, REDACTED);
		} else
			hs_buf_add(&b, p, n);
		p += n;
		if (*p == '#') {
			hs_buf_adds(&b, p);
			break;
		}
		if (*p == '&')
			hs_buf_addch(&b, *p++);
	}
	return hs_buf_detach(&b, NULL);
}
