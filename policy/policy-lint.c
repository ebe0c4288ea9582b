/*
 * policy-lint.c: what a careful security engineer would say about a
 * policy before it is sent.
 *
 * Findings (code: severity — when):
 *   public-allow: error — Allow to every principal ("*", or NotPrincipal)
 *     without a condition that narrows who (aws:SourceAccount,
 *     aws:PrincipalOrgID, aws:SourceIp, ... with a positive operator);
 *   wildcard-action: error for "*", warning for "service:*" — in an Allow;
 *   wildcard-resource: warning — Allow on Resource "*";
 *   allow-not-action, allow-not-resource: warning — Allow with NotAction
 *     or NotResource grants everything not listed, now and later;
 *   lambda-s3-no-source: error — s3.amazonaws.com may invoke a Lambda
 *     function without aws:SourceAccount / aws:SourceArn (any bucket of
 *     any account could trigger it);
 *   object-action-on-bucket-arn, bucket-action-on-object-arn: error
 *     (policy-lint-s3.c);
 *   phi-unencrypted-upload, insecure-transport: (policy-lint-s3.c);
 *   unknown-action, malformed-arn: (policy-lint-names.c).
 */
#include "hs-common.h"
#include "policy-int.h"

#include <strings.h>

/* Condition keys that narrow who or where a request comes from. */
static const char *const narrowing_keys[] = {
	"aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID",
	"aws:PrincipalOrgPaths", "aws:PrincipalServiceName", "aws:SourceAccount",
	"aws:SourceArn", "aws:SourceIp", "aws:SourceOrgID", "aws:SourceOrgPaths",
	"aws:SourceOwner", "aws:SourceVpc", "aws:SourceVpce", "aws:userid",
	"aws:username", "aws:VpcSourceIp", NULL,
};

static bool
key_in(const char *key, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcasecmp(key, *list) == 0)
			return true;
	return false;
}

/* Tell whether a condition restricts who may use an Allow. */
static bool
narrows(const struct pol_cond *c)
{
	return key_in(c->key, narrowing_keys) && !c->op->negated &&
	    !c->if_exists && c->set != POL_SET_ALL && c->op->cls != POL_C_NULL;
}

static bool
everyone(const struct pol_statement *st)
{
	size_t i;

	if (st->not_principal)
		return true;
	for (i = 0; i < st->n_principals; i++)
		if (st->principals[i].kind == POL_P_ANY)
			return true;
	return false;
}

static void
lint_public(const struct policy *p, size_t i, struct policy_findings *out)
{
	const struct pol_statement *st = &p->st[i];
	size_t k;

	if (st->deny || !st->has_principal || !everyone(st))
		return;
	for (k = 0; k < st->n_conds; k++)
		if (narrows(&st->conds[k]))
			return;
	pol_finding_add(out, POLICY_ERROR, "public-allow", (long)i,
	    "name the principals, or add a condition that narrows who, such as "
	    "\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-...\"} or "
	    "{\"aws:SourceAccount\": \"111122223333\"}",
	    "allows every principal (%s) without a condition that narrows who "
	    "(aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, "
	    "aws:SourceIp, aws:SourceVpce...)",
	    st->not_principal ? "NotPrincipal" : "\"*\"");
}

static void
lint_wildcards(const struct policy *p, size_t i, struct policy_findings *out)
{
	const struct pol_statement *st = &p->st[i];
	size_t k;

	if (st->deny)
		return;
	for (k = 0; k < st->n_actions && !st->not_action; k++) {
		const char *a = st->actions[k].source;

		if (strcmp(a, "*") == 0 || hs_ends_with(a, ":*")) {
			pol_finding_add(out, *a == '*' ? POLICY_ERROR :
			    POLICY_WARNING, "wildcard-action", (long)i,
			    "list the actions the principal needs",
			    "allows %s", *a == '*' ? "every action of every "
			    "service (\"*\")" : "every action of a service");
			break;
		}
	}
	for (k = 0; k < st->n_resources && !st->not_resource; k++)
		if (strcmp(st->resources[k].source, "*") == 0) {
			pol_finding_add(out, POLICY_WARNING, "wildcard-resource",
			    (long)i, "name the resources' ARNs (keep actions that "
			    "need \"*\", such as s3:ListAllMyBuckets, in a "
			    "statement of their own)",
			    "allows its actions on every resource (\"*\")");
			break;
		}
}

static void
lint_not_elements(const struct policy *p, size_t i, struct policy_findings *out)
{
	const struct pol_statement *st = &p->st[i];

	if (st->deny)
		return;
	if (st->not_action)
		pol_finding_add(out, POLICY_WARNING, "allow-not-action", (long)i,
		    "list the allowed actions in Action instead",
		    "Allow with NotAction allows every action not listed, "
		    "including actions AWS adds later");
	if (st->not_resource)
		pol_finding_add(out, POLICY_WARNING, "allow-not-resource",
		    (long)i, "list the allowed resources in Resource instead",
		    "Allow with NotResource allows every resource not listed, "
		    "including resources created later");
}

static bool
has_key(const struct pol_statement *st, const char *key)
{
	size_t k;

	for (k = 0; k < st->n_conds; k++)
		if (strcasecmp(st->conds[k].key, key) == 0)
			return true;
	return false;
}

static bool
names_service(const struct pol_statement *st, const char *service)
{
	size_t k;

	for (k = 0; k < st->n_principals; k++)
		if (st->principals[k].kind == POL_P_SERVICE &&
		    strcmp(st->principals[k].value, service) == 0)
			return true;
	return false;
}

static bool
grants_action(const struct pol_statement *st, const char *action)
{
	size_t k, n = strlen(action);
	bool hit = false;

	for (k = 0; k < st->n_actions && !hit; k++)
		hit = pol_glob(st->actions[k].text, st->actions[k].len, action, n,
		    true);
	return hit != st->not_action;
}

static void
lint_lambda_s3(const struct policy *p, size_t i, struct policy_findings *out)
{
	const struct pol_statement *st = &p->st[i];

	if (st->deny || st->not_principal || !names_service(st,
	    "s3.amazonaws.com") || !grants_action(st, "lambda:InvokeFunction") ||
	    has_key(st, "aws:SourceAccount") || has_key(st, "aws:SourceArn"))
		return;
	pol_finding_add(out, POLICY_ERROR, "lambda-s3-no-source", (long)i,
	    "add \"StringEquals\": {\"aws:SourceAccount\": \"ACCOUNT\"} and "
	    "\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:s3:::BUCKET\"} "
	    "(aws lambda add-permission --source-account ... --source-arn ...)",
	    "lets s3.amazonaws.com invoke the function without "
	    "aws:SourceAccount or aws:SourceArn: any bucket, in any account, "
	    "could trigger it");
}

/* Lint a parsed policy; returns the number of errors found. */
size_t
policy_lint(const struct policy *p, const struct policy_lint_opts *opts,
    struct policy_findings *out)
{
	static const struct policy_lint_opts none = { NULL, 0, NULL, NULL };
	size_t i, before = policy_findings_errors(out);

	if (opts == NULL)
		opts = &none;
	for (i = 0; i < p->n; i++) {
		lint_public(p, i, out);
		lint_wildcards(p, i, out);
		lint_not_elements(p, i, out);
		pol_lint_s3_arns(p, i, out);
		lint_lambda_s3(p, i, out);
		pol_lint_actions(p, i, opts, out);
		pol_lint_arns(p, i, out);
	}
	pol_lint_phi(p, opts, out);
	return policy_findings_errors(out) - before;
}
