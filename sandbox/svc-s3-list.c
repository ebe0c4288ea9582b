/*
 * svc-s3-list.c: ListObjectsV2 and ListObjects: prefix, delimiter with
 * common prefixes, max-keys (1000 at most), StartAfter, Marker and
 * continuation tokens, encoding-type=url (keys URL-encoded in the
 * answer), FetchOwner (V1 always gives the Owner).
 *
 * A listing walks the keys in byte order from a cursor. A key holding
 * the delimiter after the prefix rolls up into a common prefix P, and the
 * cursor then jumps past every key under P (P followed by 0xFF, above any
 * UTF-8 byte). The continuation token is the cursor, base64-encoded.
 */
#include "hs-common.h"
#include "s3.h"

#include <openssl/evp.h>

/* One entry of a listing: an object or a common prefix. */
struct s3_entry {
	struct sbx_object obj;	/* obj.key set for an object */
	char *prefix;		/* set for a common prefix */
};

struct s3_listing {
	const char *prefix;
	const char *delimiter;
	long max;
	struct s3_entry *v;
	size_t n;
	bool truncated;
	char *cursor;		/* where the next page starts */
};

/* The common prefix of key, or NULL when key does not roll up. */
static char *
s3_common_prefix(const struct s3_listing *l, const char *key)
{
	const char *rest = key + strlen(l->prefix), *d;

	if (l->delimiter == NULL || *l->delimiter == '\0')
		return NULL;
	d = strstr(rest, l->delimiter);
	if (d == NULL)
		return NULL;
	return hs_xstrndup(key, (size_t)(d - key) + strlen(l->delimiter));
}

/* Take one scanned object into the listing; advance the cursor. */
static void
s3_take(struct s3_listing *l, struct sbx_object *o)
{
	char *cp = s3_common_prefix(l, o->key);

	l->v = hs_xreallocarray(l->v, l->n + 1, sizeof *l->v);
	memset(&l->v[l->n], 0, sizeof *l->v);
	free(l->cursor);
	if (cp != NULL) {
		l->v[l->n].prefix = cp;
		l->cursor = hs_xasprintf("%s\xff", cp);
		sbx_object_clear(o);
	} else {
		l->v[l->n].obj = *o;
		memset(o, 0, sizeof *o);
		l->cursor = hs_xstrdup(l->v[l->n].obj.key);
	}
	l->n++;
}

/* Walk the keys from the cursor until max entries; set truncated. */
static int
s3_walk(struct sbx_call *c, struct s3_listing *l)
{
	struct sbx_object *batch = NULL;
	size_t n = 0, i;
	char *cause = NULL;

	while (l->n < (size_t)l->max) {
		size_t want = (size_t)l->max - l->n;
		if (sbx_s3_object_scan(c->sb->store, c->bucket, l->prefix,
		    l->cursor, want, &batch, &n, &cause) != 0)
			return sbx_s3_internal(c, cause);
		for (i = 0; i < n; i++) {
			const char *cp = l->n > 0 ? l->v[l->n - 1].prefix :
			    NULL;
			/* a jump past a common prefix needs a fresh scan */
			if (i > 0 && cp != NULL &&
			    hs_starts_with(batch[i].key, cp)) {
				sbx_object_clear(&batch[i]);
				continue;
			}
			if (l->n < (size_t)l->max)
				s3_take(l, &batch[i]);
			else
				sbx_object_clear(&batch[i]);
		}
		free(batch);
		if (n == 0)
			return 0;
	}
	if (sbx_s3_object_scan(c->sb->store, c->bucket, l->prefix, l->cursor,
	    1, &batch, &n, &cause) != 0)
		return sbx_s3_internal(c, cause);
	l->truncated = n > 0;
	for (i = 0; i < n; i++)
		sbx_object_clear(&batch[i]);
	free(batch);
	return 0;
}

/* Free a listing. */
static void
s3_listing_clear(struct s3_listing *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		sbx_object_clear(&l->v[i].obj);
		free(l->v[i].prefix);
	}
	free(l->v);
	free(l->cursor);
}

/* Add a key (URL-encoded when asked) as a string member of o. */
static void
s3_key_add(cJSON *o, const char *member, const char *key, bool url)
{
	struct hs_buf e = HS_BUF_INIT;

	if (!url) {
		cJSON_AddStringToObject(o, member, key);
		return;
	}
	aws_uri_encode(&e, key, strlen(key), true);
	cJSON_AddStringToObject(o, member, e.buf ? e.buf : "");
	hs_buf_release(&e);
}

/* The Owner of listed objects: the caller's canonical ID. */
static cJSON *
s3_owner(struct sbx_call *c)
{
	char canon[65];
	cJSON *o = cJSON_CreateObject();

	sbx_s3_canonical_id(c->who ? c->who->account : c->sb->account_id,
	    canon);
	cJSON_AddStringToObject(o, "ID", canon);
	return o;
}

/* One Contents entry for an object (with its Owner when asked). */
static cJSON *
s3_object_entry(struct sbx_call *c, const struct sbx_object *o, bool url,
    bool owner)
{
	cJSON *e = cJSON_CreateObject();
	char when[40], *etag = hs_xasprintf("\"%s\"", o->etag);

	sbx_iso_date(o->mtime_ms, when);
	s3_key_add(e, "Key", o->key, url);
	cJSON_AddStringToObject(e, "LastModified", when);
	cJSON_AddStringToObject(e, "ETag", etag);
	cJSON_AddNumberToObject(e, "Size", (double)o->size);
	cJSON_AddStringToObject(e, "StorageClass", "STANDARD");
	if (owner)
		cJSON_AddItemToObject(e, "Owner", s3_owner(c));
	free(etag);
	return e;
}

/* Add the Contents and CommonPrefixes of a listing to c->output. */
static void
s3_list_entries(struct sbx_call *c, const struct s3_listing *l, bool url,
    bool owner)
{
	cJSON *contents = NULL, *prefixes = NULL, *p;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].prefix == NULL) {
			if (contents == NULL)
				contents = cJSON_AddArrayToObject(c->output,
				    "Contents");
			cJSON_AddItemToArray(contents, s3_object_entry(c,
			    &l->v[i].obj, url, owner));
			continue;
		}
		if (prefixes == NULL)
			prefixes = cJSON_AddArrayToObject(c->output,
			    "CommonPrefixes");
		p = cJSON_CreateObject();
		s3_key_add(p, "Prefix", l->v[i].prefix, url);
		cJSON_AddItemToArray(prefixes, p);
	}
}

/* Read the parameters common to both listings. */
static int
s3_list_params(struct sbx_call *c, struct s3_listing *l, bool *url)
{
	const char *enc = sbx_in_str(c, "EncodingType");

	l->prefix = sbx_in_str(c, "Prefix");
	if (l->prefix == NULL)
		l->prefix = "";
	l->delimiter = sbx_in_str(c, "Delimiter");
	if (enc != NULL && strcmp(enc, "url") != 0) {
		sbx_fail(c, 400, "InvalidArgument", "Invalid Encoding Method "
		    "specified in Request");
		sbx_fail_field(c, "ArgumentName", "encoding-type");
		sbx_fail_field(c, "ArgumentValue", enc);
		return -1;
	}
	*url = enc != NULL;
	return sbx_s3_int_param(c, "max-keys", "MaxKeys", 0, 1000, 1000,
	    &l->max);
}

/* Add the members both listings answer: Name, Prefix, MaxKeys,
 * Delimiter, EncodingType, IsTruncated. */
static void
s3_list_head(struct sbx_call *c, const struct s3_listing *l, bool url)
{
	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "Name", c->bucket);
	s3_key_add(c->output, "Prefix", l->prefix, url);
	cJSON_AddNumberToObject(c->output, "MaxKeys", (double)l->max);
	if (l->delimiter != NULL)
		s3_key_add(c->output, "Delimiter", l->delimiter, url);
	if (url)
		cJSON_AddStringToObject(c->output, "EncodingType", "url");
	cJSON_AddBoolToObject(c->output, "IsTruncated", l->truncated);
}

/* Load and authorize the bucket of a listing. */
static int
s3_list_begin(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	int rc;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	rc = sbx_s3_authorize(c, &b, "s3:ListBucket", NULL);
	sbx_bucket_clear(&b);
	return rc;
}

/* Decode a continuation token into a cursor; -1 when invalid. */
static int
s3_token_decode(const char *tok, char **cursor)
{
	size_t len = strlen(tok);
	unsigned char *raw;
	int n;

	if (len == 0 || len % 4 != 0)
		return -1;
	raw = hs_xmalloc(len);
	n = EVP_DecodeBlock(raw, (const unsigned char *)tok, (int)len);
	if (n < 0) {
		free(raw);
		return -1;
	}
	while (n > 0 && len > 0 && tok[--len] == '=')
		n--;
	*cursor = hs_xstrndup((char *)raw, (size_t)n);
	free(raw);
	return 0;
}

/* Encode a cursor as a continuation token. */
static char *
s3_token_encode(const char *cursor)
{
	size_t len = strlen(cursor);
	char *out = hs_xmalloc(4 * ((len + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)cursor,
	    (int)len);
	return out;
}

/* Add the members only V2 answers. */
static void
s3_v2_head(struct sbx_call *c, const struct s3_listing *l, bool url,
    const char *token, const char *start_after)
{
	s3_list_head(c, l, url);
	if (start_after != NULL)
		s3_key_add(c->output, "StartAfter", start_after, url);
	if (token != NULL)
		cJSON_AddStringToObject(c->output, "ContinuationToken", token);
	if (l->truncated) {
		char *next = s3_token_encode(l->cursor);
		cJSON_AddStringToObject(c->output, "NextContinuationToken",
		    next);
		free(next);
	}
	cJSON_AddNumberToObject(c->output, "KeyCount", (double)l->n);
}

/* ListObjectsV2: Owner only with FetchOwner, as S3 answers. */
int
sbx_s3_list_objects_v2(struct sbx_call *c)
{
	struct s3_listing l = { 0 };
	const char *token = sbx_in_str(c, "ContinuationToken");
	const char *start = sbx_in_str(c, "StartAfter");
	bool url;
	int rc = -1;

	if (s3_list_begin(c) != 0 || s3_list_params(c, &l, &url) != 0)
		goto cleanup;
	if (token != NULL && s3_token_decode(token, &l.cursor) != 0) {
		sbx_fail(c, 400, "InvalidArgument", "The continuation token "
		    "provided is incorrect");
		sbx_fail_field(c, "ArgumentName", "continuation-token");
		goto cleanup;
	}
	if (l.cursor == NULL)
		l.cursor = hs_xstrdup(start ? start : "");
	if (s3_walk(c, &l) != 0)
		goto cleanup;
	s3_v2_head(c, &l, url, token, start);
	s3_list_entries(c, &l, url, sbx_in_bool(c, "FetchOwner", false));
	rc = 0;
cleanup:
	s3_listing_clear(&l);
	return rc;
}

/* ListObjects (version 1): Marker and NextMarker. */
int
sbx_s3_list_objects(struct sbx_call *c)
{
	struct s3_listing l = { 0 };
	const char *marker = sbx_in_str(c, "Marker");
	bool url;
	int rc = -1;

	if (s3_list_begin(c) != 0 || s3_list_params(c, &l, &url) != 0)
		goto cleanup;
	l.cursor = hs_xstrdup(marker ? marker : "");
	if (s3_walk(c, &l) != 0)
		goto cleanup;
	s3_list_head(c, &l, url);
	s3_key_add(c->output, "Marker", marker ? marker : "", url);
	if (l.truncated && l.delimiter != NULL && l.n > 0)
		s3_key_add(c->output, "NextMarker", l.v[l.n - 1].prefix ?
		    l.v[l.n - 1].prefix : l.v[l.n - 1].obj.key, url);
	s3_list_entries(c, &l, url, true);
	rc = 0;
cleanup:
	s3_listing_clear(&l);
	return rc;
}
