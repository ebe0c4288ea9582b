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
