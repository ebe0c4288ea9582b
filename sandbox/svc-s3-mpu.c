/*
 * svc-s3-mpu.c: multipart uploads: CreateMultipartUpload, UploadPart,
 * CompleteMultipartUpload (InvalidPartOrder, InvalidPart, EntityTooSmall;
 * the ETag is the MD5 of the parts' binary MD5s, then "-N"),
 * AbortMultipartUpload, ListParts, ListMultipartUploads.
 *
 * The encryption is chosen when the upload starts; the
 * x-amz-server-side-encryption header given then (if any) is kept so
 * that the bucket policy sees it on every later request of the upload,
 * as S3 evaluates UploadPart and CompleteMultipartUpload.
 */
#include "hs-common.h"
#include "s3.h"
#include "s3-notify.h"

#include <limits.h>
#include <openssl/evp.h>

#define S3_MAX_PARTS 10000

/* Answer NoSuchUpload. */
static int
s3_no_such_upload(struct sbx_call *c, const char *id)
{
	sbx_fail(c, 404, "NoSuchUpload", "The specified upload does not exist. "
	    "The upload ID may be invalid, or the upload may have been aborted "
	    "or completed.");
	sbx_fail_field(c, "UploadId", id ? id : "");
	return -1;
}

/* Add an ETag member: the hex MD5 in quotes, as S3 sends it. */
static void
s3_etag_add(cJSON *o, const char *hex)
{
	char *etag = hs_xasprintf("\"%s\"", hex);

	cJSON_AddStringToObject(o, "ETag", etag);
	free(etag);
}

/* Load the upload named by ?uploadId for c->bucket and c->key. */
static int
s3_upload_load(struct sbx_call *c, struct sbx_upload *u)
{
	const char *id = sbx_in_str(c, "UploadId");
	char *cause = NULL;
	int r;

	r = sbx_s3_upload_get(c->sb->store, c->bucket, c->key, id ? id : "",
	    u, &cause);
	if (r < 0)
		return sbx_s3_internal(c, cause);
	return r == 1 ? s3_no_such_upload(c, id) : 0;
}

/* Put the upload's requested encryption header back on the request, so
 * that the bucket policy sees it (see the file comment). */
static void
s3_upload_sse_context(struct sbx_call *c, const struct sbx_upload *u)
{
	cJSON *h = cJSON_Parse(u->headers);
	const char *v = cJSON_GetStringValue(cJSON_GetObjectItem(h,
	    "x-amz-server-side-encryption"));

	aws_kvlist_del(&c->req.headers, "x-amz-server-side-encryption");
	if (v != NULL)
		aws_kvlist_add(&c->req.headers, "x-amz-server-side-encryption",
		    v);
	cJSON_Delete(h);
}

/* The object headers of a new upload, with its SSE request header. */
static char *
s3_upload_headers(struct sbx_call *c)
{
	char *json = sbx_s3_headers_json(c), *out;
	cJSON *h = cJSON_Parse(json);
	const char *sse = sbx_in_str(c, "ServerSideEncryption");

	if (sse != NULL)
		cJSON_AddStringToObject(h, "x-amz-server-side-encryption", sse);
	out = cJSON_PrintUnformatted(h);
	free(json);
	json = hs_xstrdup(out);
	cJSON_free(out);
	cJSON_Delete(h);
	return json;
}

/* CreateMultipartUpload. */
int
sbx_s3_create_multipart_upload(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	struct sbx_upload u = { 0 };
	char id[65], *cause = NULL;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_check_put_headers(c) != 0 ||
	    sbx_s3_sse_resolve(c, &b, &u.sse, &u.kms_key) != 0 ||
	    sbx_s3_authorize(c, &b, "s3:PutObject", c->key) != 0)
		goto cleanup;
	sbx_random_hex(id, 32);
	u.id = id;
	u.bucket = c->bucket;
	u.key = c->key;
	u.initiated_ms = c->now_ms;
	u.headers = s3_upload_headers(c);
	u.initiator = c->who ? c->who->arn : NULL;
	if (sbx_s3_upload_create(c->sb->store, &u, &cause) != 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "Bucket", c->bucket);
	cJSON_AddStringToObject(c->output, "Key", c->key);
	cJSON_AddStringToObject(c->output, "UploadId", id);
	sbx_s3_sse_headers(c, u.sse, u.kms_key);
	rc = 0;
cleanup:
	free(u.headers);
	free(u.sse);
	free(u.kms_key);
	sbx_bucket_clear(&b);
	return rc;
}

/* UploadPart. */
int
sbx_s3_upload_part(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	struct sbx_upload u = { 0 };
	struct sbx_part p = { 0 };
	char blob[33], md5[33], *old = NULL, *cause = NULL;
	long number;
	int r, rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_int_param(c, "partNumber", "PartNumber", 1, LONG_MAX, 0,
	    &number) != 0 || number > S3_MAX_PARTS) {
		sbx_fail(c, 400, "InvalidArgument", "Part number must be an "
		    "integer between 1 and 10000, inclusive");
		sbx_fail_field(c, "ArgumentName", "partNumber");
		goto cleanup;
	}
	if (s3_upload_load(c, &u) != 0)
		goto cleanup;
	s3_upload_sse_context(c, &u);
	if (sbx_s3_authorize(c, &b, "s3:PutObject", c->key) != 0 ||
	    sbx_s3_store_body(c, true, blob, &p.size, md5) != 0)
		goto cleanup;
	p.number = (int)number;
	p.blob = blob;
	p.etag = md5;
	p.mtime_ms = c->now_ms;
	r = sbx_s3_part_put(c->sb->store, u.id, &p, &old, &cause);
	if (r != 0) {
		sbx_blob_remove(c->sb, blob);
		if (r < 0)
			sbx_s3_internal(c, cause);
		else
			s3_no_such_upload(c, u.id);
		goto cleanup;
	}
	sbx_blob_remove(c->sb, old);
	free(old);
	/* the output may hold the checksums sbx_s3_store_body() echoed */
	s3_etag_add(sbx_s3_output(c), md5);
	sbx_s3_sse_headers(c, u.sse, u.kms_key);
	rc = 0;
cleanup:
	sbx_upload_clear(&u);
	sbx_bucket_clear(&b);
	return rc;
}

/* The part list of a CompleteMultipartUpload body. */
struct s3_want {
	int number;
	char etag[64];	/* without quotes */
};

/* Read one requested part (its ETag without quotes); false when it
 * lacks its PartNumber or ETag. */
static bool
s3_want_read(const cJSON *part, struct s3_want *w)
{
	const cJSON *num = cJSON_GetObjectItemCaseSensitive(part,
	    "PartNumber");
	const char *etag = cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(part, "ETag"));
	size_t len;

	if (!cJSON_IsNumber(num) || etag == NULL)
		return false;
	w->number = num->valueint;
	hs_strlcpy(w->etag, etag[0] == '"' ? etag + 1 : etag, sizeof w->etag);
	len = strlen(w->etag);
	if (len > 0 && w->etag[len - 1] == '"')
		w->etag[len - 1] = '\0';
	return true;
}

/* Answer InvalidPartOrder; -1. */
static int
s3_part_order(struct sbx_call *c)
{
	sbx_fail(c, 400, "InvalidPartOrder", "The list of parts was not in "
	    "ascending order. Parts must be ordered by part number.");
	sbx_fail_field(c, "UploadId", sbx_in_str(c, "UploadId"));
	return -1;
}

/* Read the requested parts (MultipartUpload.Parts of the input);
 * MalformedXML, InvalidPartOrder. */
static int
s3_complete_parse(struct sbx_call *c, struct s3_want **out, size_t *n)
{
	const cJSON *parts = cJSON_GetObjectItemCaseSensitive(
	    sbx_in(c, "MultipartUpload"), "Parts"), *p;

	*out = NULL;
	*n = 0;
	if (cJSON_GetArraySize(parts) < 1 ||
	    cJSON_GetArraySize(parts) > S3_MAX_PARTS)
		return sbx_s3_malformed_xml(c);
	*out = hs_xcalloc((size_t)cJSON_GetArraySize(parts), sizeof **out);
	cJSON_ArrayForEach(p, parts) {
		struct s3_want *w = &(*out)[*n];
		if (!s3_want_read(p, w))
			return sbx_s3_malformed_xml(c);
		if (++*n > 1 && w->number <= (*out)[*n - 2].number)
			return s3_part_order(c);
	}
	return 0;
}

/* Answer InvalidPart for a requested part. */
static int
s3_invalid_part(struct sbx_call *c, const char *upload, const struct s3_want *w)
{
	char num[16];

	snprintf(num, sizeof num, "%d", w->number);
	sbx_fail(c, 400, "InvalidPart", "One or more of the specified parts "
	    "could not be found.  The part may not have been uploaded, or the "
	    "specified entity tag may not match the part's entity tag.");
	sbx_fail_field(c, "UploadId", upload);
	sbx_fail_field(c, "PartNumber", num);
	sbx_fail_field(c, "ETag", w->etag);
	return -1;
}

/* Answer EntityTooSmall for a part below 5 MiB that is not the last. */
static int
s3_too_small(struct sbx_call *c, const struct sbx_part *p)
{
	char size[32], num[16];

	snprintf(size, sizeof size, "%llu", (unsigned long long)p->size);
	snprintf(num, sizeof num, "%d", p->number);
	sbx_fail(c, 400, "EntityTooSmall", "Your proposed upload is smaller "
	    "than the minimum allowed size");
	sbx_fail_field(c, "ProposedSize", size);
	sbx_fail_field(c, "MinSizeAllowed", "5242880");
	sbx_fail_field(c, "PartNumber", num);
	sbx_fail_field(c, "ETag", p->etag);
	return -1;
}

/* Match the requested parts with the stored ones (in order). */
static int
s3_complete_match(struct sbx_call *c, const char *upload,
    const struct s3_want *want, size_t n, struct sbx_part *have, size_t nh,
    struct sbx_part ***sel)
{
	size_t i, j = 0;

	*sel = hs_xcalloc(n, sizeof **sel);
	for (i = 0; i < n; i++) {
		while (j < nh && have[j].number < want[i].number)
			j++;
		if (j == nh || have[j].number != want[i].number ||
		    strcmp(have[j].etag, want[i].etag) != 0)
			return s3_invalid_part(c, upload, &want[i]);
		(*sel)[i] = &have[j];
	}
	for (i = 0; i + 1 < n; i++)
		if ((*sel)[i]->size < S3_MIN_PART)
			return s3_too_small(c, (*sel)[i]);
	return 0;
}

/* Join the selected parts into one new blob; the multipart ETag. */
static int
s3_complete_join(struct sbx_call *c, struct sbx_part **sel, size_t n,
    struct sbx_object *o, char blob[33], char etag[48])
{
	struct sbx_blob_writer *w = NULL;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char raw[16], all[16];
	unsigned int len = 16;
	char *cause = NULL;
	size_t i;
	int k, rc = -1;

	EVP_DigestInit_ex(md, EVP_md5(), NULL);
	if (sbx_blob_create(c->sb, true, &w, &cause) != 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < 16; k++)
			sscanf(sel[i]->etag + 2 * k, "%2hhx", &raw[k]);
		EVP_DigestUpdate(md, raw, 16);
		if (sbx_s3_blob_copy(c, w, sel[i]->blob, true,
		    sel[i]->size) != 0)
			goto cleanup;
	}
	if (sbx_blob_commit(w, blob, raw, &o->size, &cause) != 0) {
		w = NULL;
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	w = NULL;
	EVP_DigestFinal_ex(md, all, &len);
	for (k = 0; k < 16; k++)
		snprintf(etag + 2 * k, 3, "%02x", all[k]);
	snprintf(etag + 32, 16, "-%u", (unsigned)(n % 100000));
	rc = 0;
cleanup:
	sbx_blob_abort(w);
	EVP_MD_CTX_free(md);
	return rc;
}

/* Store the completed object and answer. */
static int
s3_complete_commit(struct sbx_call *c, const struct sbx_upload *u,
    struct sbx_object *o, size_t nparts)
{
	char **blobs = NULL, *cause = NULL, *loc;
	size_t nb = 0;
	int r;

	o->bucket = c->bucket;
	o->key = c->key;
	o->mtime_ms = c->now_ms;
	o->headers = u->headers;
	o->sse = u->sse;
	o->kms_key = u->kms_key;
	o->encrypted = true;
	o->parts = (int)nparts;
	r = sbx_s3_upload_complete(c->sb->store, u->id, o, &blobs, &nb, &cause);
	if (r != 0) {
		sbx_blob_remove(c->sb, o->blob);
		return r < 0 ? sbx_s3_internal(c, cause) :
		    s3_no_such_upload(c, u->id);
	}
	sbx_s3_blobs_remove(c, blobs, nb);
	loc = hs_xasprintf("%s/%s/%s", c->sb->url, c->bucket, c->key);
	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "Location", loc);
	cJSON_AddStringToObject(c->output, "Bucket", c->bucket);
	cJSON_AddStringToObject(c->output, "Key", c->key);
	s3_etag_add(c->output, o->etag);
	sbx_s3_sse_headers(c, u->sse, u->kms_key);
	free(loc);
	return 0;
}

/* CompleteMultipartUpload. */
int
sbx_s3_complete_multipart_upload(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	struct sbx_upload u = { 0 };
	struct sbx_object o = { 0 };
	struct s3_want *want = NULL;
	struct sbx_part *have = NULL, **sel = NULL;
	size_t nw = 0, nh = 0, i;
	char blob[33], etag[48], *cause = NULL;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (s3_upload_load(c, &u) != 0)
		goto cleanup;
	s3_upload_sse_context(c, &u);
	if (sbx_s3_authorize(c, &b, "s3:PutObject", c->key) != 0 ||
	    s3_complete_parse(c, &want, &nw) != 0)
		goto cleanup;
	if (sbx_s3_part_list(c->sb->store, u.id, 0, S3_MAX_PARTS, &have, &nh,
	    &cause) != 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	if (s3_complete_match(c, u.id, want, nw, have, nh, &sel) != 0 ||
	    s3_complete_join(c, sel, nw, &o, blob, etag) != 0)
		goto cleanup;
	o.blob = blob;
	o.etag = etag;
	rc = s3_complete_commit(c, &u, &o, nw);
	if (rc == 0)
		sbx_s3_notify_stored(c, &b,
		    "ObjectCreated:CompleteMultipartUpload");
cleanup:
	for (i = 0; have != NULL && i < nh; i++)
		sbx_part_clear(&have[i]);
	free(have);
	free(sel);
	free(want);
	sbx_upload_clear(&u);
	sbx_bucket_clear(&b);
	return rc;
}

/* AbortMultipartUpload: 204. */
int
sbx_s3_abort_multipart_upload(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	struct sbx_upload u = { 0 };
	char **blobs = NULL, *cause = NULL;
	size_t nb = 0;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (s3_upload_load(c, &u) != 0 ||
	    sbx_s3_authorize(c, &b, "s3:AbortMultipartUpload", c->key) != 0)
		goto cleanup;
	if (sbx_s3_upload_delete(c->sb->store, u.id, &blobs, &nb,
	    &cause) != 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	sbx_s3_blobs_remove(c, blobs, nb);
	c->output = cJSON_CreateObject();	/* 204, as the model says */
	rc = 0;
cleanup:
	sbx_upload_clear(&u);
	sbx_bucket_clear(&b);
	return rc;
}

/* Add Initiator and Owner members to o for a principal ARN. */
static void
s3_initiator(cJSON *o, const char *arn, const char *owner)
{
	cJSON *i = cJSON_AddObjectToObject(o, "Initiator");
	cJSON *w = cJSON_AddObjectToObject(o, "Owner");
	char canon[65];

	sbx_s3_canonical_id(owner, canon);
	cJSON_AddStringToObject(i, "ID", arn ? arn : canon);
	cJSON_AddStringToObject(i, "DisplayName", owner);
	cJSON_AddStringToObject(w, "ID", canon);
	cJSON_AddStringToObject(w, "DisplayName", owner);
}

/* Add the Parts of a ListParts page to c->output. */
static void
s3_parts_add(struct sbx_call *c, struct sbx_part *v, size_t n)
{
	cJSON *list, *p;
	char when[40];
	size_t i;

	if (n == 0)
		return;
	list = cJSON_AddArrayToObject(c->output, "Parts");
	for (i = 0; i < n; i++) {
		sbx_iso_date(v[i].mtime_ms, when);
		p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "PartNumber", v[i].number);
		cJSON_AddStringToObject(p, "LastModified", when);
		s3_etag_add(p, v[i].etag);
		cJSON_AddNumberToObject(p, "Size", (double)v[i].size);
		cJSON_AddItemToArray(list, p);
	}
}

/* Answer a ListParts page (n parts of v, truncated or not). */
static void
s3_parts_answer(struct sbx_call *c, const struct sbx_upload *u,
    const char *owner, struct sbx_part *v, size_t n, long marker,
    long max, bool truncated)
{
	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "Bucket", c->bucket);
	cJSON_AddStringToObject(c->output, "Key", c->key);
	cJSON_AddStringToObject(c->output, "UploadId", u->id);
	s3_initiator(c->output, u->initiator, owner);
	cJSON_AddStringToObject(c->output, "StorageClass", "STANDARD");
	cJSON_AddNumberToObject(c->output, "PartNumberMarker", (double)marker);
	cJSON_AddNumberToObject(c->output, "NextPartNumberMarker",
	    n > 0 ? v[n - 1].number : 0);
	cJSON_AddNumberToObject(c->output, "MaxParts", (double)max);
	cJSON_AddBoolToObject(c->output, "IsTruncated", truncated);
	s3_parts_add(c, v, n);
}

/* Read ListParts' MaxParts and PartNumberMarker. */
static int
s3_parts_params(struct sbx_call *c, long *max, long *marker)
{
	if (sbx_s3_int_param(c, "max-parts", "MaxParts", 0, 1000, 1000,
	    max) != 0)
		return -1;
	return sbx_s3_int_param(c, "part-number-marker", "PartNumberMarker",
	    0, S3_MAX_PARTS, 0, marker);
}

/* ListParts. */
int
sbx_s3_list_parts(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	struct sbx_upload u = { 0 };
	struct sbx_part *v = NULL;
	size_t n = 0, i;
	long max, marker;
	char *cause = NULL;
	bool truncated;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (s3_upload_load(c, &u) != 0 ||
	    sbx_s3_authorize(c, &b, "s3:ListMultipartUploadParts",
	    c->key) != 0 ||
	    s3_parts_params(c, &max, &marker) != 0)
		goto cleanup;
	if (sbx_s3_part_list(c->sb->store, u.id, (int)marker, (size_t)max + 1,
	    &v, &n, &cause) != 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	truncated = n > (size_t)max;
	if (truncated)
		n = (size_t)max;
	s3_parts_answer(c, &u, b.owner, v, n, marker, max, truncated);
	rc = 0;
cleanup:
	for (i = 0; v != NULL && i < n + 1; i++)
		sbx_part_clear(&v[i]);
	free(v);
	sbx_upload_clear(&u);
	sbx_bucket_clear(&b);
	return rc;
}

/* Tell whether an upload comes after the key and upload-ID markers. */
static bool
s3_after_markers(const struct sbx_upload *u, const char *km, const char *um)
{
	int cmp;

	if (km == NULL || *km == '\0')
		return true;
	cmp = strcmp(u->key, km);
	if (cmp != 0)
		return cmp > 0;
	return um != NULL && *um != '\0' && strcmp(u->id, um) > 0;
}

/* One Uploads entry. */
static cJSON *
s3_upload_entry(const struct sbx_upload *u, const char *owner)
{
	cJSON *e = cJSON_CreateObject();
	char when[40];

	sbx_iso_date(u->initiated_ms, when);
	cJSON_AddStringToObject(e, "Key", u->key);
	cJSON_AddStringToObject(e, "UploadId", u->id);
	s3_initiator(e, u->initiator, owner);
	cJSON_AddStringToObject(e, "StorageClass", "STANDARD");
	cJSON_AddStringToObject(e, "Initiated", when);
	return e;
}

/* Add the uploads past the markers, max at most, to c->output with the
 * next markers and IsTruncated. */
static void
s3_uploads_add(struct sbx_call *c, const struct sbx_upload *v, size_t n,
    long max, const char *owner)
{
	const char *km = sbx_in_str(c, "KeyMarker");
	const char *um = sbx_in_str(c, "UploadIdMarker");
	const struct sbx_upload *last = NULL;
	cJSON *list = NULL;
	size_t i, shown = 0;

	for (i = 0; i < n; i++) {
		if (!s3_after_markers(&v[i], km, um))
			continue;
		if (shown == (size_t)max)
			break;
		if (list == NULL)
			list = cJSON_AddArrayToObject(c->output, "Uploads");
		cJSON_AddItemToArray(list, s3_upload_entry(&v[i], owner));
		shown++;
		last = &v[i];
	}
	cJSON_AddStringToObject(c->output, "KeyMarker", km ? km : "");
	cJSON_AddStringToObject(c->output, "UploadIdMarker", um ? um : "");
	cJSON_AddStringToObject(c->output, "NextKeyMarker",
	    last ? last->key : "");
	cJSON_AddStringToObject(c->output, "NextUploadIdMarker",
	    last ? last->id : "");
	cJSON_AddBoolToObject(c->output, "IsTruncated", i < n);
}

/* ListMultipartUploads. */
int
sbx_s3_list_multipart_uploads(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	struct sbx_upload *v = NULL;
	const char *prefix = sbx_in_str(c, "Prefix");
	size_t n = 0, i;
	char *cause = NULL;
	long max;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_authorize(c, &b, "s3:ListBucketMultipartUploads", NULL) ||
	    sbx_s3_int_param(c, "max-uploads", "MaxUploads", 0, 1000, 1000,
	    &max) != 0)
		goto cleanup;
	if (sbx_s3_upload_list(c->sb->store, c->bucket, prefix, &v, &n,
	    &cause) != 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "Bucket", c->bucket);
	if (prefix != NULL)
		cJSON_AddStringToObject(c->output, "Prefix", prefix);
	cJSON_AddNumberToObject(c->output, "MaxUploads", (double)max);
	s3_uploads_add(c, v, n, max, b.owner);
	rc = 0;
cleanup:
	for (i = 0; i < n; i++)
		sbx_upload_clear(&v[i]);
	free(v);
	sbx_bucket_clear(&b);
	return rc;
}
