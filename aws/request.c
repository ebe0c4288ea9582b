/*
 * request.c: aws_request, aws_response and their name/value lists.
 *
 * Query parameters may have a NULL value ("?uploads"): the URL then shows
 * the name alone; SigV4 signs it as "uploads=".
 */
#include "hs-common.h"
#include "request.h"

#include <openssl/crypto.h>
#include <strings.h>

/* Append a pair (repeated names are allowed). */
void
aws_kvlist_add(struct aws_kvlist *l, const char *name, const char *value)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 8;
		l->items = hs_xreallocarray(l->items, l->alloc, sizeof *l->items);
	}
	l->items[l->n].name = hs_xstrdup(name);
	l->items[l->n].value = value ? hs_xstrdup(value) : NULL;
	l->n++;
}

/* Replace every pair named name (case-insensitively) by one pair. */
void
aws_kvlist_set(struct aws_kvlist *l, const char *name, const char *value)
{
	aws_kvlist_del(l, name);
	aws_kvlist_add(l, name, value);
}

/* The first value named name (case-insensitively), or NULL. */
const char *
aws_kvlist_get(const struct aws_kvlist *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->items[i].name, name) == 0)
			return l->items[i].value ? l->items[i].value : "";
	return NULL;
}

/* The first value named exactly name, or NULL. */
const char *
aws_kvlist_get_exact(const struct aws_kvlist *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return l->items[i].value ? l->items[i].value : "";
	return NULL;
}

static void
kv_free(struct aws_kv *kv, bool wipe)
{
	if (wipe && kv->value != NULL)
		OPENSSL_cleanse(kv->value, strlen(kv->value));
	free(kv->name);
	free(kv->value);
}

/* Remove every pair named name (case-insensitively). */
void
aws_kvlist_del(struct aws_kvlist *l, const char *name)
{
	size_t i, j = 0;

	for (i = 0; i < l->n; i++) {
		if (strcasecmp(l->items[i].name, name) == 0)
			kv_free(&l->items[i], true);
		else
			l->items[j++] = l->items[i];
	}
	l->n = j;
}

static void
kvlist_free(struct aws_kvlist *l, bool wipe)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		kv_free(&l->items[i], wipe);
	free(l->items);
	l->items = NULL;
	l->n = l->alloc = 0;
}

/* Free every pair; the list is left empty and usable. */
void
aws_kvlist_clear(struct aws_kvlist *l)
{
	kvlist_free(l, false);
}

/* Wipe every value, then free: for lists that held secrets. */
void
aws_kvlist_cleanse(struct aws_kvlist *l)
{
	kvlist_free(l, true);
}

/* Start an empty request. */
void
aws_request_init(struct aws_request *r)
{
	struct aws_request empty = AWS_REQUEST_INIT;

	*r = empty;
}

/* Free everything in the request; it is left initialised. */
void
aws_request_clear(struct aws_request *r)
{
	free(r->method);
	free(r->scheme);
	free(r->host);
	free(r->path);
	aws_kvlist_cleanse(&r->query);
	aws_kvlist_cleanse(&r->headers);
	hs_buf_cleanse(&r->body);
	free(r->body_file);
	free(r->signing_service);
	free(r->signing_region);
	free(r->service_id);
	free(r->operation);
	aws_request_init(r);
}

static void
replace(char **field, const char *value)
{
	char *copy = value ? hs_xstrdup(value) : NULL;

	free(*field);
	*field = copy;
}

/* Set the HTTP method. */
void
aws_request_set_method(struct aws_request *r, const char *method)
{
	replace(&r->method, method);
}

/* Set the wire path (already percent-encoded). */
void
aws_request_set_path(struct aws_request *r, const char *path)
{
	replace(&r->path, path);
}

/* Split a port number off "host:port"; -1 if it is not a port. */
static int
parse_port(const char *s, size_t len)
{
	int port = 0;
	size_t i;

	if (len == 0 || len > 5)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		port = port * 10 + (s[i] - '0');
	}
	return port >= 1 && port <= 65535 ? port : -1;
}

/* Set scheme, host, port and any base path from a URL. */
int
aws_request_set_endpoint(struct aws_request *r, const char *url, char **cause)
{
	const char *p = strstr(url, "://"), *host, *end, *colon, *close;
	int port = 0;

	if (p == NULL || !((p - url == 4 && strncmp(url, "http", 4) == 0) ||
	    (p - url == 5 && strncmp(url, "https", 5) == 0))) {
		*cause = hs_xasprintf("invalid endpoint URL '%s': it must "
		    "start with https:// or http://", url);
		return -1;
	}
	host = p + 3;
	end = host + strcspn(host, "/?#");
	colon = NULL;
	if (*host == '[') {		/* [IPv6]:port */
		close = memchr(host, ']', (size_t)(end - host));
		if (close == NULL)
			goto bad;
		if (close + 1 < end && close[1] == ':')
			colon = close + 1;
		else if (close + 1 != end)
			goto bad;
	} else
		colon = memchr(host, ':', (size_t)(end - host));
	if (colon != NULL) {
		port = parse_port(colon + 1, (size_t)(end - colon - 1));
		if (port < 0)
			goto bad;
	}
	if ((colon ? colon : end) == host)
		goto bad;
	free(r->scheme);
	r->scheme = hs_xstrndup(url, (size_t)(p - url));
	free(r->host);
	r->host = hs_xstrndup(host, (size_t)((colon ? colon : end) - host));
	r->port = port;
	if (*end == '/' && end[1] != '\0' && r->path == NULL)
		replace(&r->path, end);
	return 0;
bad:
	*cause = hs_xasprintf("invalid endpoint URL '%s': cannot read the "
	    "host and port", url);
	return -1;
}

static void
drop_body(struct aws_request *r)
{
	hs_buf_cleanse(&r->body);
	free(r->body_file);
	r->body_file = NULL;
	r->body_kind = AWS_BODY_NONE;
}

/* Set a memory body (copied); replaces any earlier body. */
void
aws_request_set_body(struct aws_request *r, const void *data, size_t len)
{
	drop_body(r);
	if (hs_buf_add(&r->body, data, len) < 0)
		BUG("request body of %zu bytes passes HS_BUF_MAX", len);
	r->body_kind = AWS_BODY_MEMORY;
}

/* Stream the body from a file. */
void
aws_request_set_body_file(struct aws_request *r, const char *path,
    off_t offset, off_t length)
{
	drop_body(r);
	r->body_file = hs_xstrdup(path);
	r->body_file_offset = offset;
	r->body_file_length = length;
	r->body_kind = AWS_BODY_FILE;
}

/* The URL of the request, query percent-encoded in its order. */
char *
aws_request_url(const struct aws_request *r)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	hs_buf_addf(&b, "%s://", r->scheme ? r->scheme : "https");
	if (r->host != NULL)
		hs_buf_adds(&b, r->host);
	if (r->port)
		hs_buf_addf(&b, ":%d", r->port);
	hs_buf_adds(&b, r->path && *r->path ? r->path : "/");
	for (i = 0; i < r->query.n; i++) {
		const struct aws_kv *kv = &r->query.items[i];

		hs_buf_addch(&b, i == 0 ? '?' : '&');
		aws_uri_encode(&b, kv->name, strlen(kv->name), false);
		if (kv->value != NULL) {
			hs_buf_addch(&b, '=');
			aws_uri_encode(&b, kv->value, strlen(kv->value), false);
		}
	}
	return hs_buf_detach(&b, NULL);
}

/* Start an empty response that keeps its body in memory. */
void
aws_response_init(struct aws_response *resp)
{
	struct aws_response empty = AWS_RESPONSE_INIT;

	*resp = empty;
}

/* Free everything in the response; it is left initialised. */
void
aws_response_clear(struct aws_response *resp)
{
	aws_kvlist_cleanse(&resp->headers);
	hs_buf_cleanse(&resp->body);
	free(resp->body_file);
	free(resp->request_id);
	aws_response_init(resp);
}

static bool
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	    c == '~';
}

/* Percent-encode as SigV4 and S3 do. */
void
aws_uri_encode(struct hs_buf *out, const char *s, size_t len, bool keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (unreserved(c) || (keep_slash && c == '/')) {
			hs_buf_addch(out, c);
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };

			hs_buf_add(out, esc, 3);
		}
	}
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode %XX escapes; -1 on a malformed one. */
int
aws_uri_decode(struct hs_buf *out, const char *s, size_t len,
    bool plus_is_space)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi, lo;

			if (i + 2 >= len)
				return -1;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			hs_buf_addch(out, hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space)
			hs_buf_addch(out, ' ');
		else
			hs_buf_addch(out, s[i]);
	}
	return 0;
}
