/*
 * error.c: an error in the format of the service's protocol, as AWS
 * answers it: S3's <Error> with RequestId and HostId, query's
 * <ErrorResponse>, json's __type and rest-json's x-amzn-ErrorType. The
 * shared protocol code encodes it from the service's model (model.c);
 * the formats written here are the fallback for a model that cannot be
 * loaded (a broken botocore installation), so an error still reads as
 * one.
 */
#include "hs-common.h"
#include "svc.h"

/* S3 (rest-xml): <Error><Code/><Message/>...<RequestId/><HostId/></Error>. */
static void
error_rest_xml(struct sbx_call *c)
{
	size_t i;

	sbx_xml_start(&c->body);
	(void)hs_buf_adds(&c->body, "<Error>");
	sbx_xml_elem(&c->body, "Code", c->err_code);
	sbx_xml_elem(&c->body, "Message", c->err_message);
	for (i = 0; i < c->err_fields.n; i++)
		sbx_xml_elem(&c->body, c->err_fields.items[i].name,
		    c->err_fields.items[i].value);
	sbx_xml_elem(&c->body, "RequestId", c->request_id);
	sbx_xml_elem(&c->body, "HostId", c->host_id);
	(void)hs_buf_adds(&c->body, "</Error>");
	sbx_header(c, "Content-Type", "application/xml");
}

/* query: <ErrorResponse><Error><Type/><Code/><Message/></Error>... */
static void
error_query(struct sbx_call *c)
{
	const char *xmlns = c->svc && c->svc->xmlns ? c->svc->xmlns : NULL;

	hs_buf_reset(&c->body);
	if (xmlns != NULL)
		(void)hs_buf_addf(&c->body, "<ErrorResponse xmlns=\"%s\">\n",
		    xmlns);
	else
		(void)hs_buf_adds(&c->body, "<ErrorResponse>\n");
	(void)hs_buf_adds(&c->body, "  <Error>\n    ");
	sbx_xml_elem(&c->body, "Type", c->status >= 500 ? "Receiver" :
	    "Sender");
	(void)hs_buf_adds(&c->body, "\n    ");
	sbx_xml_elem(&c->body, "Code", c->err_code);
	(void)hs_buf_adds(&c->body, "\n    ");
	sbx_xml_elem(&c->body, "Message", c->err_message);
	(void)hs_buf_adds(&c->body, "\n  </Error>\n  ");
	sbx_xml_elem(&c->body, "RequestId", c->request_id);
	(void)hs_buf_adds(&c->body, "\n</ErrorResponse>\n");
	sbx_header(c, "Content-Type", "text/xml");
	sbx_header(c, "x-amzn-RequestId", c->request_id);
}

/* json and rest-json: a JSON document; rest-json adds x-amzn-ErrorType. */
static void
error_json(struct sbx_call *c, bool rest)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	if (rest)
		cJSON_AddStringToObject(o, "Type", c->status >= 500 ?
		    "Service" : "User");
	else
		cJSON_AddStringToObject(o, "__type", c->err_code);
	cJSON_AddStringToObject(o, rest ? "Message" : "message",
	    c->err_message);
	text = cJSON_PrintUnformatted(o);
	hs_buf_reset(&c->body);
	(void)hs_buf_adds(&c->body, text);
	cJSON_free(text);
	cJSON_Delete(o);
	if (rest)
		sbx_header(c, "x-amzn-ErrorType", c->err_code);
	sbx_header(c, "Content-Type", rest ? "application/json" :
	    "application/x-amz-json-1.1");
	sbx_header(c, "x-amzn-RequestId", c->request_id);
}

/* Encode c's error (err_code...) in the service's protocol. */
void
sbx_error_encode(struct sbx_call *c)
{
	enum sbx_protocol p = c->svc ? c->svc->protocol : SBX_PROTO_REST_XML;

	sbx_blob_close(c->stream);
	c->stream = NULL;
	c->head_length_only = false;
	if (sbx_model_error(c))
		return;
	/* the service's model could not be loaded: the formats by hand */
	switch (p) {
	case SBX_PROTO_REST_XML:
		error_rest_xml(c);
		break;
	case SBX_PROTO_QUERY:
		error_query(c);
		break;
	case SBX_PROTO_JSON:
		error_json(c, false);
		break;
	case SBX_PROTO_REST_JSON:
		error_json(c, true);
		break;
	}
}
