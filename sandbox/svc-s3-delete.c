/*
 * svc-s3-delete.c: DeleteObjects (POST ?delete): up to 1000 keys, each
 * authorized on its own (s3:DeleteObject), read from the decoded input
 * (Delete: Objects of {Key}, Quiet) and answered per key in the output's
 * Deleted and Errors lists (a DeleteResult document); Quiet mode lists
 * only the errors. S3 requires an integrity header (Content-MD5 or an
 * x-amz-checksum-*) on this request: the model has no member for
 * Content-MD5 here, so that check reads the request's headers.
 */
#include "hs-common.h"
#include "s3.h"
#include "s3-notify.h"

#define S3_MAX_DELETE 1000

/* Check that the request carries Content-MD5 or a checksum, and that it
 * matches the body. */
static int
s3_delete_integrity(struct sbx_call *c)
{
	static const char *const h[] = { "Content-MD5", "x-amz-checksum-crc32",
	    "x-amz-checksum-crc32c", "x-amz-checksum-sha1",
	    "x-amz-checksum-sha256" };
	char blob[33], md5[33];
	uint64_t size;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(h); i++)
		if (aws_kvlist_get(&c->req.headers, h[i]) != NULL)
			break;
	if (i == HS_ARRAY_SIZE(h))
		return sbx_fail(c, 400, "InvalidRequest", "Missing required "
		    "header for this request: Content-MD5");
	/* the digests are checked by storing the body as a scratch blob */
	if (sbx_s3_store_body(c, false, blob, &size, md5) != 0)
		return -1;
	sbx_blob_remove(c->sb, blob);
	/* DeleteObjects does not echo the checksums storing put there */
	cJSON_Delete(c->output);
	c->output = NULL;
	return 0;
}

/* Append a {Key, VersionId} entry (the version only when the request
 * named one) to the output list name. */
static cJSON *
s3_delete_entry(struct sbx_call *c, const char *name, const char *key,
    const char *version)
{
	cJSON *list = cJSON_GetObjectItemCaseSensitive(c->output, name);
	cJSON *e = cJSON_CreateObject();

	if (list == NULL)
		list = cJSON_AddArrayToObject(c->output, name);
	cJSON_AddStringToObject(e, "Key", key);
	if (version != NULL)
		cJSON_AddStringToObject(e, "VersionId", version);
	cJSON_AddItemToArray(list, e);
	return e;
}

/* Delete one key; the error code (and *msg) when it was not deleted. A
 * version other than "null" (objects are not versioned) is refused
 * rather than taken for the current object. */
static const char *
s3_delete_key(struct sbx_call *c, const struct sbx_bucket *b,
    const char *key, const char *version, const char **msg)
{
	char *old = NULL, *cause = NULL;

	if (version != NULL && strcmp(version, "null") != 0) {
		*msg = "Deleting a version of an object is not implemented";
		return "NotImplemented";
	}
	if (!sbx_s3_allowed(c, b, "s3:DeleteObject", key)) {
		*msg = "Access Denied";
		return "AccessDenied";
	}
	if (sbx_s3_object_delete(c->sb->store, c->bucket, key, &old,
	    &cause) < 0) {
		free(cause);
		*msg = "We encountered an internal error. Please try again.";
		return "InternalError";
	}
	if (old != NULL)
		sbx_s3_notify(c, b, "ObjectRemoved:Delete", key, 0, NULL);
	sbx_blob_remove(c->sb, old);
	free(old);
	return NULL;
}

/* Delete one object of the list ({Key, VersionId}); add its Deleted or
 * Errors entry. */
static void
s3_delete_one(struct sbx_call *c, const struct sbx_bucket *b,
    const cJSON *obj, bool quiet)
{
	const char *key = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    obj, "Key"));
	const char *version = cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(obj, "VersionId"));
	const char *msg = NULL, *code = s3_delete_key(c, b, key, version, &msg);
	cJSON *e;

	if (code != NULL) {
		e = s3_delete_entry(c, "Errors", key, version);
		cJSON_AddStringToObject(e, "Code", code);
		cJSON_AddStringToObject(e, "Message", msg);
	} else if (!quiet)
		(void)s3_delete_entry(c, "Deleted", key, version);
}

/* The input's Delete.Objects, checking there are 1 to 1000 and that
 * each has a Key; NULL after answering MalformedXML (a missing body
 * too, as S3 answers). */
static cJSON *
s3_delete_objects_in(struct sbx_call *c)
{
	cJSON *objects = cJSON_GetObjectItemCaseSensitive(sbx_in(c, "Delete"),
	    "Objects"), *o;
	int n = cJSON_GetArraySize(objects);

	if (!cJSON_IsArray(objects) || n == 0 || n > S3_MAX_DELETE) {
		sbx_s3_malformed_xml(c);
		return NULL;
	}
	cJSON_ArrayForEach(o, objects)
		if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(o,
		    "Key"))) {
			sbx_s3_malformed_xml(c);
			return NULL;
		}
	return objects;
}

/* DeleteObjects. */
int
sbx_s3_delete_objects(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	cJSON *objects, *o;
	bool quiet;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (s3_delete_integrity(c) != 0 ||
	    (objects = s3_delete_objects_in(c)) == NULL)
		goto cleanup;
	quiet = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(sbx_in(c,
	    "Delete"), "Quiet"));
	c->output = cJSON_CreateObject();
	/* an empty list: a quiet success still answers <DeleteResult/> */
	cJSON_AddArrayToObject(c->output, "Deleted");
	cJSON_ArrayForEach(o, objects)
		s3_delete_one(c, &b, o, quiet);
	rc = 0;
cleanup:
	sbx_bucket_clear(&b);
	return rc;
}
