/*
 * endpoint-apply.c: S3 bucket addressing, and pointing a request at an
 * endpoint.
 *
 * The bucket rules are the S3 endpoint rule set's (botocore 1.43):
 * virtual-hosted style needs a bucket that is a valid host label -
 * 3 to 63 characters, no upper case, not an IPv4 address, labels of
 * [a-zA-Z0-9-] not starting or ending with '-' - and dots are allowed
 * only over plain http (a dotted name breaks the certificate's wildcard
 * over https). A configured endpoint URL means path style unless
 * addressing_style = virtual. The base path of a configured URL is
 * joined as botocore's _urljoin.
 */
#include "hs-common.h"
#include "endpoint-int.h"

/* One DNS label: 1-63 of [a-zA-Z0-9-], not starting or ending with '-'. */
static bool
host_label(const char *s, size_t n)
{
	size_t i;

	if (n < 1 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

/* Tell whether s looks like an IPv4 address (n.n.n.n, 1-3 digits). */
static bool
ipv4_like(const char *s)
{
	int parts = 0, digits = 0;

	for (;; s++) {
		if (*s >= '0' && *s <= '9' && digits < 3) {
			digits++;
		} else if ((*s == '.' || *s == '\0') && digits > 0) {
			parts++;
			digits = 0;
			if (*s == '\0')
				return parts == 4;
		} else
			return false;
	}
}

/* Tell whether a bucket name can be a host label (botocore's rule). */
bool
aws_s3_bucket_hostable(const char *bucket, bool allow_dots)
{
	size_t n = strlen(bucket), i;
	const char *p = bucket;

	if (n < 3 || n > 63 || ipv4_like(bucket))
		return false;
	for (i = 0; i < n; i++)
		if (bucket[i] >= 'A' && bucket[i] <= 'Z')
			return false;
	if (!allow_dots)
		return strchr(bucket, '.') == NULL && host_label(bucket, n);
	for (;;) {
		size_t k = strcspn(p, ".");

		if (!host_label(p, k))
			return false;
		if (p[k] == '\0')
			return true;
		p += k + 1;
	}
}

/* Tell whether a bucket would be addressed virtual-hosted style. */
bool
aws_endpoint_s3_virtual(const struct aws_endpoint *ep, const char *bucket)
{
	bool http = ep->scheme != NULL && strcmp(ep->scheme, "http") == 0;

	if (!ep->s3 || bucket == NULL ||
	    ep->s3_addressing == AWS_S3_ADDRESSING_PATH)
		return false;
	if (ep->configured && ep->s3_addressing != AWS_S3_ADDRESSING_VIRTUAL)
		return false;
	return aws_s3_bucket_hostable(bucket, http);
}

/* Remove "/BUCKET" from the front of a path; -1 if it is not there. */
static int
strip_bucket(const char *path, const char *bucket, char **out)
{
	struct hs_buf enc = HS_BUF_INIT;
	const char *rest;
	int rc = -1;

	hs_buf_addch(&enc, '/');
	aws_uri_encode(&enc, bucket, strlen(bucket), false);
	if (hs_starts_with(path, enc.buf)) {
		rest = path + enc.len;
		if (*rest == '\0' || *rest == '/') {
			*out = hs_xstrdup(*rest ? rest : "/");
			rc = 0;
		}
	}
	hs_buf_release(&enc);
	return rc;
}

/* Join a base path and a request path as botocore's _urljoin. */
static char *
join_path(const char *base, const char *path)
{
	size_t n = strlen(base);

	if (path == NULL || *path == '\0' || strcmp(path, "/") == 0)
		return hs_xstrdup(n ? base : "/");
	if (n > 0 && base[n - 1] == '/' && path[0] == '/')
		return hs_xasprintf("%.*s%s", (int)(n - 1), base, path);
	return hs_xasprintf("%s%s", base, path);
}

static void
set_field(char **field, char *value)
{
	free(*field);
	*field = value;
}

/* Point a request at an endpoint. */
int
aws_endpoint_apply(const struct aws_endpoint *ep, struct aws_request *r,
    const char *bucket, char **cause)
{
	bool virt = aws_endpoint_s3_virtual(ep, bucket);
	char *path = NULL;

	if (virt && strip_bucket(r->path ? r->path : "/", bucket, &path) < 0) {
		*cause = hs_xasprintf("cannot address bucket '%s': the request "
		    "path '%s' does not start with it", bucket,
		    r->path ? r->path : "");
		return -1;
	}
	set_field(&r->scheme, hs_xstrdup(ep->scheme));
	set_field(&r->host, virt ? hs_xasprintf("%s.%s", bucket, ep->host) :
	    hs_xstrdup(ep->host));
	r->port = ep->port;
	set_field(&r->path, join_path(ep->path ? ep->path : "",
	    path ? path : r->path));
	set_field(&r->signing_service, hs_xstrdup(ep->signing_service));
	set_field(&r->signing_region, hs_xstrdup(ep->signing_region));
	aws_kvlist_del(&r->headers, "Host");
	free(path);
	return 0;
}
