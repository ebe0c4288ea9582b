/*
 * creds-sts.c: the two STS calls the credential chain makes itself,
 * AssumeRole (signed with the source credentials) and
 * AssumeRoleWithWebIdentity (unsigned).
 *
 * They are small query-protocol requests, so they are built here
 * directly (a form-encoded POST of Action, Version and the parameters)
 * and their XML answer is read with libxml2, as aws-c-auth does for its
 * STS provider (source/credentials_provider_sts.c), instead of going
 * through the model-driven client, which sits above aws/ and would make
 * the chain depend on it. They are sent with the standard retries; the
 * classifier reads the <Code> of an STS error. Text nodes of the parsed
 * answer are wiped before the document is freed: they hold the secret
 * key and session token.
 */
#include "hs-common.h"
#include "creds-int.h"
#include "sigv4.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#define STS_VERSION "2011-06-15"
#define STS_BODY_MAX (256 * 1024)

/* The first element child of n named name (namespaces ignored). */
static xmlNode *
xml_child(xmlNode *n, const char *name)
{
	xmlNode *c;

	for (c = n ? n->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* An element's text as a new string (wiped by the caller), or NULL. */
static char *
xml_text(xmlNode *n)
{
	xmlChar *t;
	char *s;

	if (n == NULL)
		return NULL;
	t = xmlNodeGetContent(n);
	if (t == NULL)
		return NULL;
	s = hs_xstrdup((const char *)t);
	hs_cleanse(t, strlen((const char *)t));
	xmlFree(t);
	return s;
}

/* Wipe every text node of a document, then free it. */
static void
xml_wipe(xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		if (n->content != NULL)
			hs_cleanse(n->content, strlen((char *)n->content));
		xml_wipe(n->children);
	}
}

static void
xml_free(xmlDoc *doc)
{
	if (doc == NULL)
		return;
	xml_wipe(xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
}

/* Parse an STS answer without network access or entity expansion. */
static xmlDoc *
xml_parse(const struct hs_buf *body)
{
	if (body->len == 0 || body->len > STS_BODY_MAX)
		return NULL;
	return xmlReadMemory(body->buf, (int)body->len, "sts.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* The Code and Message of an STS error answer (either may be NULL). */
static void
sts_error(const struct aws_response *resp, char **code, char **message)
{
	xmlDoc *doc = xml_parse(&resp->body);
	xmlNode *err = doc ? xml_child(xmlDocGetRootElement(doc), "Error") :
	    NULL;

	if (err == NULL && doc != NULL &&
	    strcmp((const char *)xmlDocGetRootElement(doc)->name, "Error") == 0)
		err = xmlDocGetRootElement(doc);
	*code = xml_text(xml_child(err, "Code"));
	if (message != NULL)
		*message = xml_text(xml_child(err, "Message"));
	xml_free(doc);
}

/* The retry classifier: STS error codes from the XML body. */
static enum aws_retry_kind
sts_classify(void *arg, const struct aws_retry_facts *f, char **error_code)
{
	if (f->resp != NULL && (f->resp->status < 200 ||
	    f->resp->status > 299))
		sts_error(f->resp, error_code, NULL);
	return aws_retry_classify_code(f, *error_code);
}

struct sts_signer {
	struct aws_credentials *creds;
	const char *region;
};

/* The sign hook: SigV4 with the source credentials. */
static int
sts_sign(void *arg, struct aws_request *req, time_t now, char **cause)
{
	struct sts_signer *s = arg;
	struct sigv4_params p = { 0 };

	p.credentials = s->creds;
	p.region = s->region;
	p.service = "sts";
	p.now = now;
	return sigv4_sign(req, &p, NULL, cause);
}

/* Build the form body: Action, Version, then the parameters. */
static void
sts_body(struct hs_buf *b, const char *action, const struct aws_kvlist *params)
{
	size_t i;

	hs_buf_addf(b, "Action=%s&Version=%s", action, STS_VERSION);
	for (i = 0; i < params->n; i++) {
		const struct aws_kv *kv = &params->items[i];

		hs_buf_addch(b, '&');
		aws_uri_encode(b, kv->name, strlen(kv->name), false);
		hs_buf_addch(b, '=');
		aws_uri_encode(b, kv->value, strlen(kv->value), false);
	}
}

/* Read the credentials out of a successful answer. */
static int
sts_parse(const char *action, const struct aws_response *resp,
    struct creds_sts_result *res, char **cause)
{
	xmlDoc *doc = xml_parse(&resp->body);
	char *result_name = hs_xasprintf("%sResult", action);
	xmlNode *result = doc ? xml_child(xmlDocGetRootElement(doc),
	    result_name) : NULL;
	xmlNode *c = xml_child(result, "Credentials");
	xmlNode *user = xml_child(result, "AssumedRoleUser");
	int rc = -1;

	res->access_key_id = xml_text(xml_child(c, "AccessKeyId"));
	res->secret_access_key = xml_text(xml_child(c, "SecretAccessKey"));
	res->session_token = xml_text(xml_child(c, "SessionToken"));
	res->expiration = xml_text(xml_child(c, "Expiration"));
	res->assumed_role_arn = xml_text(xml_child(user, "Arn"));
	res->assumed_role_id = xml_text(xml_child(user, "AssumedRoleId"));
	if (res->access_key_id == NULL || res->secret_access_key == NULL ||
	    res->session_token == NULL || res->expiration == NULL)
		*cause = hs_xasprintf("STS %s answered without credentials",
		    action);
	else
		rc = 0;
	free(result_name);
	xml_free(doc);
	return rc;
}

/* Say why STS refused, with its code and message. */
static char *
sts_refusal(const char *action, const char *role_arn,
    const struct aws_response *resp)
{
	char *code = NULL, *msg = NULL, *out;

	sts_error(resp, &code, &msg);
	out = hs_xasprintf("STS %s for '%s' failed: %s%s%s (HTTP %d)", action,
	    role_arn, code ? code : "unknown error", msg ? ": " : "",
	    msg ? msg : "", resp->status);
	free(code);
	free(msg);
	return out;
}

/* Prepare the request to the STS endpoint. */
static int
sts_request(struct creds_ctx *ctx, const char *action,
    const struct aws_kvlist *params, struct aws_request *req, char **cause)
{
	struct hs_buf body = HS_BUF_INIT;

	aws_request_set_method(req, "POST");
	aws_request_set_path(req, "/");
	if (creds_endpoint(ctx, "sts", NULL, req, cause) < 0)
		return -1;
	aws_kvlist_add(&req->headers, "Content-Type",
	    "application/x-www-form-urlencoded; charset=utf-8");
	sts_body(&body, action, params);
	aws_request_set_body(req, body.buf, body.len);
	hs_buf_cleanse(&body);
	req->service_id = hs_xstrdup("sts");
	req->operation = hs_xstrdup(action);
	return 0;
}

/* Call STS; signer NULL sends the request unsigned. */
int
creds_sts_call(struct creds_ctx *ctx, const char *action,
    const struct aws_kvlist *params, struct aws_credentials *signer,
    struct creds_sts_result *res, char **cause)
{
	struct aws_request req = AWS_REQUEST_INIT;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	struct sts_signer s = { signer, NULL };
	int rc = -1;

	memset(res, 0, sizeof *res);
	if (sts_request(ctx, action, params, &req, cause) < 0)
		goto cleanup;
	s.region = req.signing_region;
	call.req = &req;
	call.resp = &resp;
	call.sign = signer ? sts_sign : NULL;
	call.sign_arg = &s;
	call.classify = sts_classify;
	if (aws_http_execute(ctx->http, &call, cause) < 0)
		goto cleanup;
	if (resp.status != 200) {
		*cause = sts_refusal(action, aws_kvlist_get_exact(params,
		    "RoleArn"), &resp);
		goto cleanup;
	}
	rc = sts_parse(action, &resp, res, cause);
cleanup:
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	if (rc < 0)
		creds_sts_result_clear(res);
	return rc;
}

/* Wipe and free a result. */
void
creds_sts_result_clear(struct creds_sts_result *res)
{
	free(res->access_key_id);
	hs_free_secret(res->secret_access_key);
	hs_free_secret(res->session_token);
	free(res->expiration);
	free(res->assumed_role_arn);
	free(res->assumed_role_id);
	memset(res, 0, sizeof *res);
}
