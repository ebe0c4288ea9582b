/*
 * svc-lambda-perm.c: a function's resource policy: AddPermission (one
 * statement per call, written as Lambda writes it: SourceAccount and
 * SourceArn become StringEquals AWS:SourceAccount and ArnLike
 * AWS:SourceArn conditions; a repeated statement ID is a
 * ResourceConflictException), GetPolicy and RemovePermission. Policies
 * are kept on the unqualified function.
 */
#include "hs-common.h"
#include "lambda.h"

#include <ctype.h>

#include "policy/policy.h"

/* Check AddPermission's StatementId and Action; -1 after answering. */
static int
perm_check(struct sbx_call *c, const char *sid, const char *action)
{
	if (!sbx_api_name_ok(sid, 100, "-_."))
		return sbx_api_invalid(c, "ValidationException", sid,
		    "statementId", "satisfy regular expression pattern: "
		    "([a-zA-Z0-9-_.]+)");
	if (action == NULL || !(strcmp(action, "*") == 0 ||
	    strcmp(action, "lambda:*") == 0 || (hs_starts_with(action,
	    "lambda:") && sbx_api_name_ok(action + 7, 100, ""))))
		return sbx_api_invalid(c, "ValidationException", action, "action",
		    "satisfy regular expression pattern: (lambda:[*]|lambda:"
		    "[a-zA-Z]+|[*])");
	if (sbx_in_str(c, "Qualifier") != NULL)
		return sbx_fail(c, 501, "NotImplemented", "The sandbox keeps "
		    "resource policies on the unqualified function only");
	return 0;
}

/* The Principal of a statement from AddPermission's Principal. */
static cJSON *
perm_principal(const char *p)
{
	cJSON *o;
	char *arn;

	if (strcmp(p, "*") == 0)
		return cJSON_CreateString("*");
	o = cJSON_CreateObject();
	if (strlen(p) == 12 && strspn(p, "0123456789") == 12) {
		arn = hs_xasprintf("arn:aws:iam::%s:root", p);
		cJSON_AddStringToObject(o, "AWS", arn);
		free(arn);
	} else if (hs_starts_with(p, "arn:"))
		cJSON_AddStringToObject(o, "AWS", p);
	else
		cJSON_AddStringToObject(o, "Service", p);
	return o;
}

/* Add a condition (operator, key, value) to a statement's Condition. */
static void
perm_condition(cJSON *st, const char *op, const char *key, const char *value)
{
	cJSON *cond = cJSON_GetObjectItem(st, "Condition"), *o;

	if (value == NULL)
		return;
	if (cond == NULL)
		cond = cJSON_AddObjectToObject(st, "Condition");
	o = cJSON_GetObjectItem(cond, op);
	if (o == NULL)
		o = cJSON_AddObjectToObject(cond, op);
	cJSON_AddStringToObject(o, key, value);
}

/* The statement AddPermission adds, as Lambda writes it. */
static cJSON *
perm_statement(struct sbx_call *c, const char *arn)
{
	cJSON *st = cJSON_CreateObject();
	const char *action = sbx_in_str(c, "Action");

	cJSON_AddStringToObject(st, "Sid", sbx_in_str(c, "StatementId"));
	cJSON_AddStringToObject(st, "Effect", "Allow");
	cJSON_AddItemToObject(st, "Principal", perm_principal(sbx_in_str(c,
	    "Principal")));
	cJSON_AddStringToObject(st, "Action", action);
	cJSON_AddStringToObject(st, "Resource", arn);
	perm_condition(st, "StringEquals", "AWS:SourceAccount", sbx_in_str(c,
	    "SourceAccount"));
	perm_condition(st, "StringEquals", "aws:PrincipalOrgID", sbx_in_str(c,
	    "PrincipalOrgID"));
	perm_condition(st, "StringEquals", "lambda:EventSourceToken",
	    sbx_in_str(c, "EventSourceToken"));
	perm_condition(st, "StringEquals", "lambda:FunctionUrlAuthType",
	    sbx_in_str(c, "FunctionUrlAuthType"));
	perm_condition(st, "ArnLike", "AWS:SourceArn", sbx_in_str(c,
	    "SourceArn"));
	return st;
}

/* The policy of a function as a document (a new one when it has none). */
static cJSON *
perm_document(const struct sbx_lambda_fn *f)
{
	cJSON *doc = f->policy ? cJSON_Parse(f->policy) : NULL;

	if (doc == NULL) {
		doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "Version", "2012-10-17");
		cJSON_AddStringToObject(doc, "Id", "default");
		cJSON_AddArrayToObject(doc, "Statement");
	}
	return doc;
}

/* The statement of a policy with this Sid, or NULL. */
static cJSON *
perm_find(cJSON *doc, const char *sid, int *index)
{
	cJSON *st;
	int i = 0;

	cJSON_ArrayForEach(st, cJSON_GetObjectItem(doc, "Statement")) {
		const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(st,
		    "Sid"));
		if (s != NULL && strcmp(s, sid) == 0) {
			*index = i;
			return st;
		}
		i++;
	}
	return NULL;
}

/* Check the policy with the engine and store it; -1 after answering. */
static int
perm_save(struct sbx_call *c, const struct sbx_lambda_fn *f, cJSON *doc)
{
	const struct policy_parse_opts opts = { POLICY_RESOURCE, NULL, NULL };
	char *text = NULL, *cause = NULL, rev[37];
	struct policy *p;
	int rc = -1;

	if (cJSON_GetArraySize(cJSON_GetObjectItem(doc, "Statement")) > 0)
		text = cJSON_PrintUnformatted(doc);
	if (text != NULL && strlen(text) > 20480) {
		sbx_fail(c, 400, "PolicyLengthExceededException", "The final "
		    "policy size (%zu) is bigger than the limit (20480).",
		    strlen(text));
		goto cleanup;
	}
	if (text != NULL && (p = policy_parse(text, strlen(text), &opts,
	    &cause)) == NULL) {
		sbx_fail(c, 400, "InvalidParameterValueException", "The "
		    "permission makes an invalid policy: %s", cause);
		goto cleanup;
	} else if (text != NULL)
		policy_free(p);
	sbx_api_uuid(rev);
	if (sbx_lambda_fn_set_policy(c->sb->store, f->name, text, rev,
	    &cause) != 0) {
		sbx_api_internal(c, cause);
		cause = NULL;
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(cause);
	free(text);
	return rc;
}

/* Check RevisionId; -1 after answering. */
static int
perm_revision(struct sbx_call *c, const struct sbx_lambda_fn *f)
{
	const char *rev = sbx_in_str(c, "RevisionId");

	if (rev == NULL || strcmp(rev, f->revision) == 0)
		return 0;
	return sbx_fail(c, 412, "PreconditionFailedException", "The Revision "
	    "Id provided does not match the latest Revision Id. Call the "
	    "GetPolicy API to retrieve the latest Revision Id");
}

/* AddPermission. */
int
sbx_lambda_add_permission(struct sbx_call *c)
{
	const char *sid = sbx_in_str(c, "StatementId");
	struct sbx_lambda_fn f = { 0 };
	cJSON *doc = NULL, *st;
	char *arn = NULL, *text;
	int rc = -1, idx;

	if (perm_check(c, sid, sbx_in_str(c, "Action")) != 0 ||
	    sbx_lambda_load(c, "lambda:AddPermission", &f) != 0 ||
	    perm_revision(c, &f) != 0)
		goto cleanup;
	doc = perm_document(&f);
	if (perm_find(doc, sid, &idx) != NULL) {
		sbx_fail(c, 409, "ResourceConflictException", "The statement id "
		    "(%s) provided already exists. Please provide a new "
		    "statement id, or remove the existing statement.", sid);
		goto cleanup;
	}
	arn = sbx_lambda_arn(c->sb, &f, false);
	st = perm_statement(c, arn);
	text = cJSON_PrintUnformatted(st);
	cJSON_AddItemToArray(cJSON_GetObjectItem(doc, "Statement"), st);
	if (perm_save(c, &f, doc) == 0) {
		c->output = cJSON_CreateObject();
		cJSON_AddStringToObject(c->output, "Statement", text);
		rc = 0;
	}
	free(text);
cleanup:
	free(arn);
	cJSON_Delete(doc);
	sbx_lambda_fn_clear(&f);
	return rc;
}

/* GetPolicy. */
int
sbx_lambda_get_policy(struct sbx_call *c)
{
	struct sbx_lambda_fn f = { 0 };

	if (sbx_lambda_load(c, "lambda:GetPolicy", &f) != 0)
		return -1;
	if (f.policy == NULL) {
		sbx_lambda_fn_clear(&f);
		return sbx_fail(c, 404, "ResourceNotFoundException", "The "
		    "resource you requested does not exist.");
	}
	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "Policy", f.policy);
	cJSON_AddStringToObject(c->output, "RevisionId", f.revision);
	sbx_lambda_fn_clear(&f);
	return 0;
}

/* RemovePermission. */
int
sbx_lambda_remove_permission(struct sbx_call *c)
{
	const char *sid = sbx_in_str(c, "StatementId");
	struct sbx_lambda_fn f = { 0 };
	cJSON *doc = NULL;
	int rc = -1, idx = -1;

	if (sbx_lambda_load(c, "lambda:RemovePermission", &f) != 0 ||
	    perm_revision(c, &f) != 0)
		goto cleanup;
	if (sbx_in_str(c, "Qualifier") != NULL) {
		sbx_fail(c, 501, "NotImplemented", "The sandbox keeps resource "
		    "policies on the unqualified function only");
		goto cleanup;
	}
	doc = perm_document(&f);
	if (f.policy == NULL || perm_find(doc, sid ? sid : "", &idx) == NULL) {
		sbx_fail(c, 404, "ResourceNotFoundException", "Statement %s is "
		    "not found in resource policy.", sid ? sid : "");
		goto cleanup;
	}
	cJSON_DeleteItemFromArray(cJSON_GetObjectItem(doc, "Statement"), idx);
	if (perm_save(c, &f, doc) == 0)
		rc = 0;	/* no output: 204 */
cleanup:
	cJSON_Delete(doc);
	sbx_lambda_fn_clear(&f);
	return rc;
}
