/*
 * protocol-s3.c: what botocore's S3 handlers add on top of rest-xml, at
 * the protocol level.
 *
 * - S3 may answer 200 with an <Error> document (CopyObject,
 *   CompleteMultipartUpload...): botocore's _handle_200_error treats such
 *   a response as an error, except for operations whose output is a raw
 *   payload. A body that is not XML at all counts too (a cut-off stream).
 * - GetBucketLocation answers a bare <LocationConstraint>region</...>
 *   that the generic parser cannot read (botocore's
 *   parse_get_bucket_location); an empty one means us-east-1 (null).
 * - ListObjects, ListObjectsV2 and ListObjectVersions ask for url-encoded
 *   keys when the caller did not choose an EncodingType, and decode them
 *   again (botocore's set_list_objects_encoding_type_url and
 *   decode_list_object*), so keys that XML cannot carry still list; the
 *   output keeps "EncodingType": "url", as the AWS CLI prints it.
 * - The model does not name the root element of S3's answers
 *   (ListObjectsV2Output is <ListBucketResult> on the wire): the server
 *   side takes the names S3 uses from a table (aws_s3_output_root).
 */
#include "hs-common.h"
#include "protocol-int.h"

static bool
is_s3(const struct aws_service *svc)
{
	return svc->protocol == AWS_PROTOCOL_REST_XML &&
	    svc->endpoint_prefix != NULL && strcmp(svc->endpoint_prefix,
	    "s3") == 0;
}

/* Tell whether a 200 response of S3 carries an error document. */
bool
aws_s3_is_200_error(const struct aws_operation *op,
    const struct aws_response *resp)
{
	const struct aws_member *p;
	char *cause = NULL;
	xmlDocPtr doc;
	bool error;

	if (!is_s3(op->service) || resp->status != 200 ||
	    op->output.shape == NULL || resp->body_kind != AWS_BODY_MEMORY ||
	    resp->body.len == 0)
		return false;
	p = aws_rest_payload(&op->output);
	if (aws_rest_payload_is_raw(p) ||
	    (p && (p->ref.traits->flags & AWS_TRAIT_EVENTSTREAM)))
		return false;
	doc = aws_xml_parse(resp->body.buf, resp->body.len, &cause);
	free(cause);
	if (doc == NULL)
		return true;
	error = strcmp(aws_xml_name(xmlDocGetRootElement(doc)), "Error") == 0;
	xmlFreeDoc(doc);
	return error;
}

static bool
is_get_bucket_location(const struct aws_operation *op)
{
	return is_s3(op->service) && strcmp(op->name, "GetBucketLocation") == 0;
}

/* Parse GetBucketLocation's bare document; false if not that case. */
bool
aws_s3_special_parse(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, int *rc, char **cause)
{
	xmlDocPtr doc;
	char *text;

	if (!is_get_bucket_location(op) || resp->body_kind != AWS_BODY_MEMORY)
		return false;
	*output = cJSON_CreateObject();
	*rc = 0;
	if (resp->body.len == 0)
		return true;
	doc = aws_xml_parse(resp->body.buf, resp->body.len, cause);
	if (doc == NULL) {
		cJSON_Delete(*output);
		*output = NULL;
		*rc = -1;
		return true;
	}
	text = aws_xml_text(xmlDocGetRootElement(doc));
	if (*text)
		cJSON_AddStringToObject(*output, "LocationConstraint", text);
	else
		cJSON_AddNullToObject(*output, "LocationConstraint");
	free(text);
	xmlFreeDoc(doc);
	return true;
}

/* Encode GetBucketLocation's bare document; false if not that case. */
bool
aws_s3_special_encode(const struct aws_operation *op, const cJSON *output,
    struct aws_response *resp, int *rc, char **cause)
{
	const cJSON *loc = cJSON_GetObjectItemCaseSensitive(output,
	    "LocationConstraint");
	const char *ns = op->service->xml_namespace;
	struct hs_buf b = HS_BUF_INIT;

	if (!is_get_bucket_location(op))
		return false;
	hs_buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<LocationConstraint");
	if (ns != NULL) {
		hs_buf_adds(&b, " xmlns=\"");
		aws_xml_escape(&b, ns, strlen(ns), true);
		hs_buf_addch(&b, '"');
	}
	if (cJSON_IsString(loc) && *loc->valuestring) {
		hs_buf_addch(&b, '>');
		aws_xml_escape(&b, loc->valuestring, strlen(loc->valuestring),
		    false);
		hs_buf_adds(&b, "</LocationConstraint>");
	} else
		hs_buf_adds(&b, "/>");
	resp->status = 200;
	aws_kvlist_set(&resp->headers, "Content-Type", "application/xml");
	aws_response_set_body(resp, &b);
	hs_buf_release(&b);
	*rc = 0;
	(void)cause;
	return true;
}

/* The S3 list operations botocore asks url-encoded keys for, and the
 * output members it decodes then (handlers.py decode_list_object*). */
static const struct {
	const char *op;
	const char *top[4];
	const char *nested[3][2];
} list_ops[] = {
	{ "ListObjects", { "Delimiter", "Marker", "NextMarker", NULL },
	  { { "Contents", "Key" }, { "CommonPrefixes", "Prefix" } } },
	{ "ListObjectsV2", { "Delimiter", "Prefix", "StartAfter", NULL },
	  { { "Contents", "Key" }, { "CommonPrefixes", "Prefix" } } },
	{ "ListObjectVersions", { "KeyMarker", "NextKeyMarker", "Prefix",
	  "Delimiter" }, { { "Versions", "Key" }, { "DeleteMarkers", "Key" },
	  { "CommonPrefixes", "Prefix" } } },
};

static int
list_op_index(const struct aws_operation *op)
{
	size_t i;

	if (!is_s3(op->service))
		return -1;
	for (i = 0; i < HS_ARRAY_SIZE(list_ops); i++)
		if (strcmp(op->name, list_ops[i].op) == 0)
			return (int)i;
	return -1;
}

/* Tell whether keys are url-encoded on the serializer's initiative. */
bool
aws_s3_auto_url_encoding(const struct aws_operation *op, const cJSON *input)
{
	const cJSON *enc = cJSON_GetObjectItemCaseSensitive(input,
	    "EncodingType");

	return list_op_index(op) >= 0 && (enc == NULL || cJSON_IsNull(enc));
}

/* url-decode one string member in place (as Python's unquote). */
static void
decode_member(cJSON *obj, const char *name)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	struct hs_buf b = HS_BUF_INIT;

	if (!cJSON_IsString(v))
		return;
	if (aws_uri_decode(&b, v->valuestring, strlen(v->valuestring),
	    false) == 0 && strlen(b.buf) == b.len)
		cJSON_SetValuestring(v, b.buf);
	hs_buf_release(&b);
}

/* url-decode the keys of a list output that says EncodingType url. */
void
aws_s3_decode_keys(const struct aws_operation *op, cJSON *output)
{
	const cJSON *enc = cJSON_GetObjectItemCaseSensitive(output,
	    "EncodingType");
	int k = list_op_index(op);
	size_t i;
	cJSON *item;

	if (k < 0 || !cJSON_IsString(enc) || strcmp(enc->valuestring, "url"))
		return;
	for (i = 0; i < 4 && list_ops[k].top[i] != NULL; i++)
		decode_member(output, list_ops[k].top[i]);
	for (i = 0; i < 3 && list_ops[k].nested[i][0] != NULL; i++)
		cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(
		    output, list_ops[k].nested[i][0]))
			decode_member(item, list_ops[k].nested[i][1]);
}

/* The root elements of S3's answers whose output members are the body
 * (botocore ignores the root name; S3 and other SDKs use these). */
static const struct {
	const char *op;
	const char *root;
} s3_roots[] = {
	{ "CompleteMultipartUpload", "CompleteMultipartUploadResult" },
	{ "CreateMultipartUpload", "InitiateMultipartUploadResult" },
	{ "DeleteObjects", "DeleteResult" },
	{ "GetBucketAcl", "AccessControlPolicy" },
	{ "GetBucketTagging", "Tagging" },
	{ "GetBucketVersioning", "VersioningConfiguration" },
	{ "GetObjectAcl", "AccessControlPolicy" },
	{ "GetObjectTagging", "Tagging" },
	{ "ListBuckets", "ListAllMyBucketsResult" },
	{ "ListMultipartUploads", "ListMultipartUploadsResult" },
	{ "ListObjectVersions", "ListVersionsResult" },
	{ "ListObjects", "ListBucketResult" },
	{ "ListObjectsV2", "ListBucketResult" },
	{ "ListParts", "ListPartsResult" },
};

/* The root element S3 names an operation's answer with, or NULL. */
const char *
aws_s3_output_root(const struct aws_operation *op)
{
	size_t i;

	if (!is_s3(op->service))
		return NULL;
	for (i = 0; i < HS_ARRAY_SIZE(s3_roots); i++)
		if (strcmp(op->name, s3_roots[i].op) == 0)
			return s3_roots[i].root;
	return NULL;
}
