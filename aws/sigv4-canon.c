/*
 * sigv4-canon.c: the canonical request of SigV4, shared by the signer and
 * the verifier.
 *
 * Deliberate oddities, all botocore's: a path is normalised on its wire
 * form, so "%2E%2E" is not "..", and then encoded again ("%" becomes
 * "%25"); S3 paths are left as sent (only raw bytes that could not be on
 * the wire are escaped, so a well-formed path is unchanged); a query
 * name without a value is signed as "name=".
 */
#include "hs-common.h"
#include "sigv4-int.h"

#include <strings.h>

/* The headers botocore never signs (SIGNED_HEADERS_BLACKLIST), sorted. */
static const char *const unsignable[] = {
	"authorization", "connection", "expect", "keep-alive",
	"proxy-authenticate", "proxy-authorization", "te", "trailer",
	"transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
};

/* Tell whether a service uses the S3 rules. */
bool
sigv4_is_s3(const char *service)
{
	return service != NULL && strcmp(service, "s3") == 0;
}

static int
cmp_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Tell whether botocore never signs this header (lower-case name). */
bool
sigv4_header_unsignable(const char *lname)
{
	return bsearch(lname, unsignable, HS_ARRAY_SIZE(unsignable),
	    sizeof unsignable[0], cmp_name) != NULL;
}

static bool
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	    c == '~';
}

/* Remove dot and empty segments as botocore's remove_dot_segments. */
void
sigv4_normalize_path(struct hs_buf *out, const char *path)
{
	struct seg { const char *p; size_t n; } *segs;
	size_t len = strlen(path), nseg = 0, i;
	const char *p = path, *end = path + len, *slash;

	if (len == 0) {
		hs_buf_addch(out, '/');
		return;
	}
	segs = hs_xcalloc(len + 1, sizeof *segs);
	do {
		size_t n;

		slash = memchr(p, '/', (size_t)(end - p));
		n = (size_t)((slash ? slash : end) - p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (nseg > 0)
				nseg--;
		} else if (n > 0 && !(n == 1 && p[0] == '.')) {
			segs[nseg].p = p;
			segs[nseg++].n = n;
		}
		if (slash != NULL)
			p = slash + 1;
	} while (slash != NULL);
	if (path[0] == '/')
		hs_buf_addch(out, '/');
	for (i = 0; i < nseg; i++) {
		if (i > 0)
			hs_buf_addch(out, '/');
		hs_buf_add(out, segs[i].p, segs[i].n);
	}
	if (path[len - 1] == '/' && nseg > 0)
		hs_buf_addch(out, '/');
	free(segs);
}

/* Append s percent-encoded; keep lists the bytes that stay besides
 * the unreserved ones. */
static void
encode_path(struct hs_buf *out, const char *s, size_t len, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (unreserved(c) || (c != '\0' && strchr(keep, c) != NULL)) {
			hs_buf_addch(out, c);
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };

			hs_buf_add(out, esc, 3);
		}
	}
}

/* Append the canonical URI of a wire path. */
void
sigv4_canonical_uri(struct hs_buf *out, const char *path, bool s3,
    bool normalize)
{
	struct hs_buf norm = HS_BUF_INIT;

	if (path == NULL || *path == '\0')
		path = "/";
	if (s3) {
		encode_path(out, path, strlen(path), "/%");
		return;
	}
	if (normalize) {
		sigv4_normalize_path(&norm, path);
		path = norm.buf;
	}
	encode_path(out, path, strlen(path), "/");
	hs_buf_release(&norm);
}

struct qpair {
	char *name;
	char *value;
};

static int
cmp_qpair(const void *a, const void *b)
{
	const struct qpair *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : strcmp(x->value, y->value);
}

/* Encode a string alone, as a query name or value. */
static char *
encode_component(const char *s)
{
	struct hs_buf b = HS_BUF_INIT;

	if (s != NULL)
		aws_uri_encode(&b, s, strlen(s), false);
	return hs_buf_detach(&b, NULL);
}

/* Append the canonical query string of decoded pairs. */
void
sigv4_canonical_query(struct hs_buf *out, const struct aws_kvlist *q)
{
	struct qpair *pairs;
	size_t i;

	if (q->n == 0)
		return;
	pairs = hs_xcalloc(q->n, sizeof *pairs);
	for (i = 0; i < q->n; i++) {
		pairs[i].name = encode_component(q->items[i].name);
		pairs[i].value = encode_component(q->items[i].value);
	}
	qsort(pairs, q->n, sizeof *pairs, cmp_qpair);
	for (i = 0; i < q->n; i++) {
		hs_buf_addf(out, "%s%s=%s", i ? "&" : "", pairs[i].name,
		    pairs[i].value);
		hs_free_secret(pairs[i].name);
		hs_free_secret(pairs[i].value);
	}
	free(pairs);
}

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/* Append one header value trimmed, inner white space collapsed. */
void
sigv4_trim_value(struct hs_buf *out, const char *value)
{
	const char *p = value;
	bool pending = false, any = false;

	for (; *p != '\0'; p++) {
		if (is_space((unsigned char)*p)) {
			pending = any;
			continue;
		}
		if (pending)
			hs_buf_addch(out, ' ');
		hs_buf_addch(out, *p);
		pending = false;
		any = true;
	}
}

static char *
lower_dup(const char *s)
{
	char *l = hs_xstrdup(s), *p;

	for (p = l; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return l;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* List the signable header names of r: lower-case, sorted, ';'-joined. */
void
sigv4_signable_headers(struct hs_buf *out, const struct aws_kvlist *h,
    bool add_host)
{
	char **names = hs_xcalloc(h->n + 1, sizeof *names);
	size_t i, n = 0;
	bool have_host = false;

	for (i = 0; i < h->n; i++) {
		char *l = lower_dup(h->items[i].name);

		if (sigv4_header_unsignable(l)) {
			free(l);
			continue;
		}
		have_host |= strcmp(l, "host") == 0;
		names[n++] = l;
	}
	if (add_host && !have_host)
		names[n++] = hs_xstrdup("host");
	qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
			hs_buf_addf(out, "%s%s", out->len ? ";" : "", names[i]);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Append "name:v1,v2" for every header called name; false if none. */
static bool
append_header(struct hs_buf *out, const struct aws_kvlist *h,
    const char *name, size_t len)
{
	size_t i;
	bool found = false;

	for (i = 0; i < h->n; i++) {
		const struct aws_kv *kv = &h->items[i];

		if (strlen(kv->name) != len ||
		    strncasecmp(kv->name, name, len) != 0)
			continue;
		if (!found)
			hs_buf_addf(out, "%.*s:", (int)len, name);
		else
			hs_buf_addch(out, ',');
		sigv4_trim_value(out, kv->value ? kv->value : "");
		found = true;
	}
	if (found)
		hs_buf_addch(out, '\n');
	return found;
}

/* Append the canonical headers for a ';'-joined list of names. */
int
sigv4_canonical_headers(struct hs_buf *out, const struct aws_kvlist *h,
    const char *signed_headers, const char *host_value)
{
	const char *p = signed_headers;

	while (*p != '\0') {
		size_t n = strcspn(p, ";");

		if (n == 0)
			return -1;
		if (!append_header(out, h, p, n)) {
			if (n != 4 || strncmp(p, "host", 4) != 0 ||
			    host_value == NULL)
				return -1;
			hs_buf_addf(out, "host:%s\n", host_value);
		}
		p += n;
		if (*p == ';')
			p++;
	}
	return 0;
}

/* Append the upper-cased method. */
static void
append_method(struct hs_buf *out, const char *method)
{
	const char *p;

	for (p = method ? method : "GET"; *p != '\0'; p++)
		hs_buf_addch(out, *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	hs_buf_addch(out, '\n');
}

/* Assemble method, URI, query, headers, signed headers and payload. */
int
sigv4_canonical_request(struct hs_buf *out, const struct aws_request *r,
    bool s3, bool normalize, const char *signed_headers,
    const char *host_value, const char *payload)
{
	append_method(out, r->method);
	sigv4_canonical_uri(out, r->path, s3, normalize);
	hs_buf_addch(out, '\n');
	sigv4_canonical_query(out, &r->query);
	hs_buf_addch(out, '\n');
	if (sigv4_canonical_headers(out, &r->headers, signed_headers,
	    host_value) < 0)
		return -1;
	hs_buf_addf(out, "\n%s\n%s", signed_headers, payload);
	return hs_buf_failed(out) ? -1 : 0;
}

/* The value of the Host header that r would send: host[:port]. */
char *
sigv4_host_value(const struct aws_request *r)
{
	bool https = r->scheme == NULL || strcmp(r->scheme, "https") == 0;
	int dflt = https ? 443 : 80;

	if (r->port != 0 && r->port != dflt)
		return hs_xasprintf("%s:%d", r->host ? r->host : "", r->port);
	return hs_xstrdup(r->host ? r->host : "");
}
