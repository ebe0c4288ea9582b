/*
 * svc-s3-object.c: PutObject, DeleteObject and CopyObject.
 *
 * Every body is stored encrypted: S3 encrypts every new object since
 * 2023 (SSE-S3 by default), and the sandbox keeps that promise on disk
 * with AES-256-GCM (blob.c). aws:kms objects are encrypted with the same
 * local key: the sandbox has no KMS; the key ID is kept and returned.
 * Inputs are the model's members (c->input: ACL, Metadata, CopySource,
 * MetadataDirective...); answers are members of c->output (ETag,
 * ServerSideEncryption, CopyObjectResult), which the router encodes.
 */
#include "hs-common.h"
#include "s3.h"
#include "s3-notify.h"

#define S3_MAX_KEY 1024
#define S3_MAX_META 2048

/* Check the key length, the metadata size and the ACL of the input
 * (Metadata, ACL): what PutObject, CopyObject and CreateMultipartUpload
 * share. */
int
sbx_s3_check_put_headers(struct sbx_call *c)
{
	const char *acl = sbx_in_str(c, "ACL");
	size_t meta = 0;
	cJSON *it;

	if (strlen(c->key) > S3_MAX_KEY) {
		sbx_fail(c, 400, "KeyTooLongError", "Your key is too long");
		sbx_fail_field(c, "Size", "");
		return -1;
	}
	cJSON_ArrayForEach(it, sbx_in(c, "Metadata"))
		if (cJSON_IsString(it))
			meta += strlen(it->string) + strlen(it->valuestring);
	if (meta > S3_MAX_META) {
		sbx_fail(c, 400, "MetadataTooLarge", "Your metadata headers "
		    "exceed the maximum allowed metadata size.");
		return -1;
	}
	if (acl != NULL && strcmp(acl, "private") != 0 &&
	    strcmp(acl, "bucket-owner-full-control") != 0)
		return sbx_fail(c, 400, "AccessControlListNotSupported", "The "
		    "bucket does not allow ACLs");
	return 0;
}

/* Answer what PutObject answers: the quoted ETag and the encryption. */
static void
s3_put_answer(struct sbx_call *c, const char *etag, const char *sse,
    const char *kms)
{
	char *quoted = hs_xasprintf("\"%s\"", etag);

	/* the output may hold the checksums sbx_s3_store_body() echoed */
	cJSON_AddStringToObject(sbx_s3_output(c), "ETag", quoted);
	sbx_s3_sse_headers(c, sse, kms);
	free(quoted);
}

/* Commit a new object record; the replaced body is removed after. */
static int
s3_commit_object(struct sbx_call *c, struct sbx_object *o)
{
	char *old = NULL, *cause = NULL;

	if (sbx_s3_object_put(c->sb->store, o, &old, &cause) != 0) {
		sbx_blob_remove(c->sb, o->blob);
		return sbx_s3_internal(c, cause);
	}
	if (old != NULL)
		sbx_blob_remove(c->sb, old);
	free(old);
	return 0;
}

/* PutObject. */
int
sbx_s3_put_object(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	struct sbx_object o = { 0 };
	char blob[33], md5[33];
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_check_put_headers(c) != 0 ||
	    sbx_s3_sse_resolve(c, &b, &o.sse, &o.kms_key) != 0 ||
	    sbx_s3_authorize(c, &b, "s3:PutObject", c->key) != 0 ||
	    sbx_s3_store_body(c, true, blob, &o.size, md5) != 0)
		goto cleanup;
	o.bucket = c->bucket;
	o.key = c->key;
	o.blob = blob;
	o.etag = md5;
	o.mtime_ms = c->now_ms;
	o.headers = sbx_s3_headers_json(c);
	o.encrypted = true;
	if (s3_commit_object(c, &o) == 0) {
		s3_put_answer(c, md5, o.sse, o.kms_key);
		sbx_s3_notify(c, &b, "ObjectCreated:Put", c->key, o.size, md5);
		rc = 0;
	}
	free(o.headers);
cleanup:
	free(o.sse);
	free(o.kms_key);
	sbx_bucket_clear(&b);
	return rc;
}

/* DeleteObject: 204 whether or not the key existed, as S3 answers. A
 * VersionId other than "null" is NotImplemented (objects are not
 * versioned), as for GetObject, rather than deleting the current object. */
int
sbx_s3_delete_object(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	char *old = NULL, *cause = NULL;
	const char *version = sbx_in_str(c, "VersionId");
	int rc = -1;

	if (version != NULL && strcmp(version, "null") != 0)
		return sbx_fail(c, 501, "NotImplemented", "A header you "
		    "provided implies functionality that is not implemented");
	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_authorize(c, &b, "s3:DeleteObject", c->key) != 0)
		goto cleanup;
	if (sbx_s3_object_delete(c->sb->store, c->bucket, c->key, &old,
	    &cause) < 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	if (old != NULL)
		sbx_s3_notify(c, &b, "ObjectRemoved:Delete", c->key, 0, NULL);
	sbx_blob_remove(c->sb, old);
	free(old);
	c->output = cJSON_CreateObject();	/* 204, as the model says */
	rc = 0;
cleanup:
	sbx_bucket_clear(&b);
	return rc;
}

/* Split the input's CopySource ("/bucket/key" or "bucket/key",
 * URL-encoded). */
static int
s3_copy_source(struct sbx_call *c, char **bucket, char **key)
{
	const char *src = sbx_in_str(c, "CopySource");
	struct hs_buf b = HS_BUF_INIT;
	const char *q, *slash;
	size_t len;

	if (src == NULL)
		src = "";
	if (*src == '/')
		src++;
	q = strstr(src, "?versionId=");
	len = q ? (size_t)(q - src) : strlen(src);
	if (q != NULL && strcmp(q + 11, "null") != 0)
		return sbx_fail(c, 501, "NotImplemented", "A header you "
		    "provided implies functionality that is not implemented");
	if (aws_uri_decode(&b, src, len, false) != 0 ||
	    (slash = strchr(b.buf, '/')) == NULL || slash == b.buf ||
	    slash[1] == '\0') {
		hs_buf_release(&b);
		sbx_fail(c, 400, "InvalidArgument", "Copy Source must mention "
		    "the source bucket and key: sourcebucket/sourcekey");
		sbx_fail_field(c, "ArgumentName", "x-amz-copy-source");
		return -1;
	}
	*bucket = hs_xstrndup(b.buf, (size_t)(slash - b.buf));
	*key = hs_xstrdup(slash + 1);
	hs_buf_release(&b);
	return 0;
}

/* Load the source object of a copy and check the caller may read it. */
static int
s3_copy_load_source(struct sbx_call *c, struct sbx_object *src)
{
	struct sbx_bucket sb = { 0 };
	char *bucket = NULL, *key = NULL, *cause = NULL, *save = c->bucket;
	int r, rc = -1;

	if (s3_copy_source(c, &bucket, &key) != 0)
		return -1;
	c->bucket = bucket;
	if (sbx_s3_bucket_load(c, &sb) != 0 ||
	    sbx_s3_authorize(c, &sb, "s3:GetObject", key) != 0)
		goto cleanup;
	r = sbx_s3_object_get(c->sb->store, bucket, key, src, &cause);
	if (r < 0)
		sbx_s3_internal(c, cause);
	else if (r == 1) {
		sbx_fail(c, 404, "NoSuchKey", "The specified key does not "
		    "exist.");
		sbx_fail_field(c, "Key", key);
	} else
		rc = 0;
cleanup:
	c->bucket = save;
	sbx_bucket_clear(&sb);
	free(bucket);
	free(key);
	return rc;
}

/* Apply the input's CopySourceIfMatch / CopySourceIfNoneMatch. */
static int
s3_copy_conditions(struct sbx_call *c, const struct sbx_object *src)
{
	const char *m = sbx_in_str(c, "CopySourceIfMatch");
	const char *nm = sbx_in_str(c, "CopySourceIfNoneMatch");
	const char *cond = NULL;

	if (m != NULL && strstr(m, src->etag) == NULL && strcmp(m, "*") != 0)
		cond = "x-amz-copy-source-If-Match";
	else if (nm != NULL && (strstr(nm, src->etag) != NULL ||
	    strcmp(nm, "*") == 0))
		cond = "x-amz-copy-source-If-None-Match";
	if (cond == NULL)
		return 0;
	sbx_fail(c, 412, "PreconditionFailed", "At least one of the "
	    "pre-conditions you specified did not hold");
	sbx_fail_field(c, "Condition", cond);
	return -1;
}

/* The metadata of the copy: the source's (COPY) or the request's
 * (REPLACE), by the input's MetadataDirective. */
static int
s3_copy_headers(struct sbx_call *c, const struct sbx_object *src,
    char **headers)
{
	const char *d = sbx_in_str(c, "MetadataDirective");

	if (d == NULL || strcmp(d, "COPY") == 0) {
		*headers = hs_xstrdup(src->headers);
		return 0;
	}
	if (strcmp(d, "REPLACE") != 0) {
		sbx_fail(c, 400, "InvalidArgument", "Unknown metadata "
		    "directive.");
		sbx_fail_field(c, "ArgumentName", "x-amz-metadata-directive");
		sbx_fail_field(c, "ArgumentValue", d);
		return -1;
	}
	*headers = sbx_s3_headers_json(c);
	return 0;
}

/* Refuse copying an object onto itself without changing anything. */
static int
s3_copy_to_self(struct sbx_call *c, const struct sbx_object *src)
{
	if (strcmp(src->bucket, c->bucket) != 0 ||
	    strcmp(src->key, c->key) != 0 ||
	    sbx_in_str(c, "MetadataDirective") != NULL ||
	    sbx_in_str(c, "ServerSideEncryption") != NULL ||
	    sbx_in_str(c, "StorageClass") != NULL)
		return 0;
	return sbx_fail(c, 400, "InvalidRequest", "This copy request is "
	    "illegal because it is trying to copy an object to itself without "
	    "changing the object's metadata, storage class, website redirect "
	    "location or encryption attributes.");
}

/* Answer a copy: its CopyObjectResult (quoted ETag, LastModified). */
static void
s3_copy_answer(struct sbx_call *c, const char *etag, int64_t mtime_ms)
{
	char when[40], *quoted = hs_xasprintf("\"%s\"", etag);
	cJSON *r;

	sbx_iso_date(mtime_ms, when);
	c->output = cJSON_CreateObject();
	r = cJSON_AddObjectToObject(c->output, "CopyObjectResult");
	cJSON_AddStringToObject(r, "ETag", quoted);
	cJSON_AddStringToObject(r, "LastModified", when);
	free(quoted);
}

/* Write the copy's body and its record. */
static int
s3_copy_write(struct sbx_call *c, const struct sbx_object *src,
    struct sbx_object *o)
{
	struct sbx_blob_writer *w = NULL;
	unsigned char md5[16];
	char blob[33], hex[33], *cause = NULL;
	int i;

	if (sbx_blob_create(c->sb, true, &w, &cause) != 0)
		return sbx_s3_internal(c, cause);
	if (sbx_s3_blob_copy(c, w, src->blob, src->encrypted, src->size) != 0) {
		sbx_blob_abort(w);
		return -1;
	}
	if (sbx_blob_commit(w, blob, md5, &o->size, &cause) != 0)
		return sbx_s3_internal(c, cause);
	for (i = 0; i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", md5[i]);
	o->bucket = c->bucket;
	o->key = c->key;
	o->blob = blob;
	o->etag = hex;
	o->mtime_ms = c->now_ms;
	o->encrypted = true;
	if (s3_commit_object(c, o) != 0)
		return -1;
	s3_copy_answer(c, hex, o->mtime_ms);
	return 0;
}

/* CopyObject. */
int
sbx_s3_copy_object(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	struct sbx_object src = { 0 }, o = { 0 };
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_check_put_headers(c) != 0 ||
	    s3_copy_load_source(c, &src) != 0 ||
	    s3_copy_conditions(c, &src) != 0 ||
	    s3_copy_to_self(c, &src) != 0 ||
	    s3_copy_headers(c, &src, &o.headers) != 0 ||
	    sbx_s3_sse_resolve(c, &b, &o.sse, &o.kms_key) != 0 ||
	    sbx_s3_authorize(c, &b, "s3:PutObject", c->key) != 0 ||
	    s3_copy_write(c, &src, &o) != 0)
		goto cleanup;
	sbx_s3_sse_headers(c, o.sse, o.kms_key);
	sbx_s3_notify_stored(c, &b, "ObjectCreated:Copy");
	rc = 0;
cleanup:
	free(o.headers);
	free(o.sse);
	free(o.kms_key);
	sbx_object_clear(&src);
	sbx_bucket_clear(&b);
	return rc;
}
