/*
 * router.c: the service table and the way a request reaches a handler.
 *
 * The service is the one named in the SigV4 credential scope (header or
 * presigned form); without a signature, X-Amz-Target names a json
 * service, and anything else is S3 (anonymous S3 requests are judged by
 * the bucket policy). The request is then authenticated (auth.c), its
 * operation found by the service's resolver, and the handler run.
 *
 * Issue 7's services (iam, lambda, logs, ecr) each add one entry here,
 * sorted by name, with their svc-NAME*.c handlers.
 */
#include "hs-common.h"
#include "sbx.h"
#include "svc.h"
#include "iam.h"

#include <strings.h>

const struct sbx_service sbx_services[] = {
	{ "ecr", "ecr", SBX_PROTO_JSON, NULL,
	    "AmazonEC2ContainerRegistry_V20150921", NULL, sbx_ecr_schema, NULL,
	    sbx_ecr_ops, &sbx_ecr_n_ops },
	{ "iam", "iam", SBX_PROTO_QUERY, IAM_XMLNS, NULL, "2010-05-08",
	    sbx_iam_schema, NULL, sbx_iam_ops, &sbx_iam_n_ops },
	{ "lambda", "lambda", SBX_PROTO_REST_JSON, NULL, NULL, NULL,
	    sbx_lambda_schema, NULL, sbx_lambda_ops, &sbx_lambda_n_ops },
	{ "logs", "logs", SBX_PROTO_JSON, NULL, "Logs_20140328", NULL,
	    sbx_logs_schema, NULL, sbx_logs_ops, &sbx_logs_n_ops },
	{ "s3", "s3", SBX_PROTO_REST_XML,
	    "http://s3.amazonaws.com/doc/2006-03-01/", NULL, NULL, sbx_s3_schema,
	    sbx_s3_resolve, sbx_s3_ops, &sbx_s3_n_ops },
	{ "sts", "sts", SBX_PROTO_QUERY,
	    "https://sts.amazonaws.com/doc/2011-06-15/", NULL, "2011-06-15",
	    sbx_sts_schema, NULL, sbx_sts_ops, &sbx_sts_n_ops },
};
const size_t sbx_n_services = HS_ARRAY_SIZE(sbx_services);

/* Find a service by its SigV4 scope name. */
const struct sbx_service *
sbx_service_find(const char *name)
{
	size_t i;

	for (i = 0; i < sbx_n_services; i++)
		if (strcmp(sbx_services[i].name, name) == 0)
			return &sbx_services[i];
	return NULL;
}

/* Compare an operation name with a table entry, for bsearch. */
static int
op_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct sbx_op *)elem)->name);
}

/* Find an operation of a service by its model name. */
const struct sbx_op *
sbx_op_find(const struct sbx_service *svc, const char *name)
{
	return bsearch(name, svc->ops, *svc->n_ops, sizeof *svc->ops,
	    op_cmp);
}

/* Copy the service of a credential scope "AK/DATE/REGION/SERVICE/...". */
static char *
scope_service(const char *cred)
{
	const char *p = cred;
	const char *end;
	int i;

	for (i = 0; i < 3 && p != NULL; i++) {
		p = strchr(p, '/');
		if (p != NULL)
			p++;
	}
	if (p == NULL)
		return NULL;
	end = strchr(p, '/');
	return end ? hs_xstrndup(p, (size_t)(end - p)) : NULL;
}

/* The scope service of a signed request, or NULL when unsigned. */
static char *
router_signed_service(const struct sbx_call *c)
{
	const char *auth = aws_kvlist_get(&c->req.headers, "Authorization");
	const char *cred;

	if (auth != NULL && (cred = strstr(auth, "Credential=")) != NULL)
		return scope_service(cred + strlen("Credential="));
	cred = aws_kvlist_get_exact(&c->req.query, "X-Amz-Credential");
	return cred ? scope_service(cred) : NULL;
}

/* The json service whose X-Amz-Target prefix the request names. */
static const struct sbx_service *
router_target_service(const struct sbx_call *c)
{
	const char *t = aws_kvlist_get(&c->req.headers, "X-Amz-Target");
	const char *dot;
	size_t i;

	if (t == NULL || (dot = strchr(t, '.')) == NULL)
		return NULL;
	for (i = 0; i < sbx_n_services; i++) {
		const char *pre = sbx_services[i].target_prefix;
		if (pre != NULL && strlen(pre) == (size_t)(dot - t) &&
		    strncmp(pre, t, (size_t)(dot - t)) == 0)
			return &sbx_services[i];
	}
	return NULL;
}

/* The query service whose API Version an unsigned form request names. */
static const struct sbx_service *
router_version_service(struct sbx_call *c)
{
	const char *v;
	size_t i;

	if (strcmp(c->req.method, "POST") != 0 || sbx_form_decode(c) != 0)
		return NULL;
	v = aws_kvlist_get_exact(&c->params, "Version");
	for (i = 0; v != NULL && i < sbx_n_services; i++)
		if (sbx_services[i].api_version != NULL &&
		    strcmp(sbx_services[i].api_version, v) == 0)
			return &sbx_services[i];
	return NULL;
}

/* Pick the service of a request; -1 (with the error) if not served. */
static int
router_find_service(struct sbx_call *c)
{
	char *name = router_signed_service(c);
	int rc = 0;

	if (name != NULL) {
		c->svc = sbx_service_find(name);
		if (c->svc == NULL) {
			c->svc = sbx_service_find("s3");
			rc = sbx_fail(c, 501, "NotImplemented", "The sandbox "
			    "does not serve the service '%s'.", name);
		}
	} else {
		c->svc = router_target_service(c);
		if (c->svc == NULL)
			c->svc = router_version_service(c);
		if (c->svc == NULL)
			c->svc = sbx_service_find("s3");
	}
	free(name);
	return rc;
}

/* Add the headers every answer of the service carries. */
static void
router_common_headers(struct sbx_call *c)
{
	if (c->svc->protocol == SBX_PROTO_REST_XML) {
		sbx_header(c, "x-amz-request-id", c->request_id);
		sbx_header(c, "x-amz-id-2", c->host_id);
		sbx_header(c, "Server", "AmazonS3");
	} else {
		sbx_call_uuid_id(c);
		sbx_header(c, "x-amzn-RequestId", c->request_id);
	}
}

/* Route, authenticate and run c; the answer is in c. */
void
sbx_route(struct sbx_call *c)
{
	if (router_find_service(c) != 0) {
		router_common_headers(c);
		return;
	}
	router_common_headers(c);
	if (c->body_too_large) {
		sbx_fail(c, 400, "EntityTooLarge", "Your proposed upload "
		    "exceeds the maximum allowed size");
		return;
	}
	if (sbx_auth(c) != 0)
		return;
	if ((c->svc->resolve ? c->svc->resolve(c) : sbx_model_resolve(c)) != 0)
		return;
	if (c->op->fn(c) == 0)
		sbx_model_answer(c);
}

/* Gather the query parameters and the fields of a form body
 * (application/x-www-form-urlencoded) into c->params. */
int
sbx_form_decode(struct sbx_call *c)
{
	const char *ct = aws_kvlist_get(&c->req.headers, "Content-Type");
	char *body, *save = NULL, *tok;
	size_t i;
	int rc = 0;

	if (c->params_decoded)
		return 0;
	c->params_decoded = true;
	for (i = 0; i < c->req.query.n; i++)
		aws_kvlist_add(&c->params, c->req.query.items[i].name,
		    c->req.query.items[i].value);
	if (c->req.body_kind != AWS_BODY_MEMORY || ct == NULL ||
	    strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
		return 0;
	body = hs_xstrndup(c->req.body.buf, c->req.body.len);
	for (tok = strtok_r(body, "&", &save); tok != NULL;
	    tok = strtok_r(NULL, "&", &save)) {
		struct hs_buf n = HS_BUF_INIT, v = HS_BUF_INIT;
		char *eq = strchr(tok, '=');
		if (aws_uri_decode(&n, tok, eq ? (size_t)(eq - tok) :
		    strlen(tok), true) != 0 || (eq != NULL &&
		    aws_uri_decode(&v, eq + 1, strlen(eq + 1), true) != 0))
			rc = -1;
		else
			aws_kvlist_add(&c->params, n.buf, v.buf);
		hs_buf_release(&n);
		hs_buf_cleanse(&v);
	}
	hs_free_secret(body);
	return rc;
}
