/*
 * svc-s3-delete.c: DeleteObjects (POST ?delete): up to 1000 keys, each
 * authorized on its own (s3:DeleteObject), answered per key in a
 * <DeleteResult>; Quiet mode lists only the errors. S3 requires an
 * integrity header (Content-MD5 or an x-amz-checksum-*) on this request.
 */
#include "hs-common.h"
#include "s3.h"
#include "s3-notify.h"

#include <libxml/parser.h>

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
	return 0;
}

/* Delete one key of the list; append its <Deleted> or <Error>. */
static void
s3_delete_one(struct sbx_call *c, const struct sbx_bucket *b,
    const char *key, bool quiet, struct hs_buf *out)
{
	char *old = NULL, *cause = NULL;
	const char *code = NULL, *msg = NULL;

	if (!sbx_s3_allowed(c, b, "s3:DeleteObject", key)) {
		code = "AccessDenied";
		msg = "Access Denied";
	} else if (sbx_s3_object_delete(c->sb->store, c->bucket, key, &old,
	    &cause) < 0) {
		code = "InternalError";
		msg = "We encountered an internal error. Please try again.";
		free(cause);
	}
	if (code == NULL && old != NULL)
		sbx_s3_notify(c, b, "ObjectRemoved:Delete", key, 0, NULL);
	sbx_blob_remove(c->sb, old);
	free(old);
	if (code != NULL) {
		(void)hs_buf_adds(out, "<Error>");
		sbx_xml_elem(out, "Key", key);
		sbx_xml_elem(out, "Code", code);
		sbx_xml_elem(out, "Message", msg);
		(void)hs_buf_adds(out, "</Error>");
	} else if (!quiet) {
		(void)hs_buf_adds(out, "<Deleted>");
		sbx_xml_elem(out, "Key", key);
		(void)hs_buf_adds(out, "</Deleted>");
	}
}

/* Count the <Object> entries and check each has a Key. */
static int
s3_delete_count(struct sbx_call *c, xmlNode *root, size_t *n)
{
	xmlNode *o;

	*n = 0;
	for (o = root->children; o != NULL; o = o->next) {
		if (o->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)o->name, "Object") != 0)
			continue;
		if (sbx_s3_xml_child(o, "Key") == NULL)
			return sbx_fail(c, 400, "MalformedXML", "The XML you "
			    "provided was not well-formed or did not validate "
			    "against our published schema");
		(*n)++;
	}
	if (*n == 0 || *n > S3_MAX_DELETE)
		return sbx_fail(c, 400, "MalformedXML", "The XML you provided "
		    "was not well-formed or did not validate against our "
		    "published schema");
	return 0;
}

/* DeleteObjects. */
int
sbx_s3_delete_objects(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	xmlDoc *doc = NULL;
	xmlNode *root, *o;
	const char *quiet;
	size_t n;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (s3_delete_integrity(c) != 0 || sbx_s3_parse_body(c, &doc) != 0)
		goto cleanup;
	root = xmlDocGetRootElement(doc);
	if (s3_delete_count(c, root, &n) != 0)
		goto cleanup;
	quiet = sbx_s3_xml_child(root, "Quiet");
	sbx_s3_xml_begin(c, "DeleteResult");
	for (o = root->children; o != NULL; o = o->next)
		if (o->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)o->name, "Object") == 0)
			s3_delete_one(c, &b, sbx_s3_xml_child(o, "Key"),
			    quiet != NULL && strcmp(quiet, "true") == 0,
			    &c->body);
	(void)hs_buf_adds(&c->body, "</DeleteResult>");
	sbx_s3_xml_answer(c, 200);
	rc = 0;
cleanup:
	sbx_s3_xml_free(doc);
	sbx_bucket_clear(&b);
	return rc;
}
