/*
 * policy-lint-names.c: names that AWS accepts but that can never match.
 *
 * unknown-action: an action no service defines (a typo, or an API
 *   operation name that is no IAM action, like s3:ListObjectsV2). IAM
 *   accepts such policies silently; the statement then does nothing. The
 *   severity is error where that weakens a safeguard (a Deny's Action, an
 *   Allow's NotAction) and warning elsewhere. Service models are asked
 *   through the caller's callback (see policy.h); the library's own table
 *   (policy-actions.c) settles IAM-only names first.
 * malformed-arn (error): an ARN in Resource, NotResource or an Arn*
 *   condition that has the six parts AWS insists on, but a part that no
 *   real ARN has: an unknown partition, an upper-case service, a region
 *   or account of the wrong shape, a region or account in an S3 bucket
 *   or object ARN, a region in an IAM ARN. Patterns with policy
 *   variables are not judged.
 */
#include "hs-common.h"
#include "policy-int.h"

#include <ctype.h>
#include <strings.h>

static enum policy_severity
action_severity(const struct pol_statement *st)
{
	return st->deny != st->not_action ? POLICY_ERROR : POLICY_WARNING;
}

/* Judge one SERVICE:ACTION of statement i. */
static void
lint_action(const struct policy *p, size_t i, const char *a,
    const struct policy_lint_opts *opts, struct policy_findings *out)
{
	const struct pol_statement *st = &p->st[i];
	const char *colon = strchr(a, ':'), *use;
	char *service = hs_xstrndup(a, (size_t)(colon - a)), *fix;
	enum policy_action_status s = POLICY_ACTION_KNOWN;
	enum pol_iam_name kind = pol_iam_action_name(service, colon + 1, &use);

	if (kind == POL_IAM_NOT_ACTION) {
		fix = hs_xasprintf("use %s", use);
		pol_finding_add(out, action_severity(st), "unknown-action",
		    (long)i, fix, "'%s' is an API operation name, not an IAM "
		    "action: it matches no request", a);
		free(fix);
	} else if (kind == POL_IAM_UNSETTLED && opts->check_action != NULL)
		s = opts->check_action(opts->check_action_arg, service, colon + 1);
	if (s == POLICY_ACTION_UNKNOWN)
		pol_finding_add(out, action_severity(st), "unknown-action",
		    (long)i, "check the name in the Service Authorization "
		    "Reference (IAM action names are not always API operation "
		    "names)", "no action of service '%s' is named '%s'",
		    service, colon + 1);
	else if (s == POLICY_ACTION_NO_SERVICE)
		pol_finding_add(out, action_severity(st), "unknown-action",
		    (long)i, "check the service prefix (s3, lambda, logs, iam, "
		    "sts, kms...)", "no service has the IAM prefix '%s' ('%s')",
		    service, a);
	free(service);
}

/* Find actions that no service defines in statement i. */
void
pol_lint_actions(const struct policy *p, size_t i,
    const struct policy_lint_opts *opts, struct policy_findings *out)
{
	const struct pol_statement *st = &p->st[i];
	size_t k;

	for (k = 0; k < st->n_actions; k++)
		if (strcmp(st->actions[k].source, "*") != 0)
			lint_action(p, i, st->actions[k].source, opts, out);
}

static bool
seg_is(const struct pol_arn *a, int i, const char *s)
{
	return a->len[i] == strlen(s) && memcmp(a->part[i], s, a->len[i]) == 0;
}

static bool
seg_has_wildcard(const struct pol_arn *a, int i)
{
	return memchr(a->part[i], '*', a->len[i]) != NULL ||
	    memchr(a->part[i], '?', a->len[i]) != NULL;
}

static bool
partition_ok(const struct pol_arn *a)
{
	static const char *const known[] = { "aws", "aws-cn", "aws-us-gov",
		"aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc",
		NULL };
	const char *const *k;

	if (seg_has_wildcard(a, 1))
		return true;
	for (k = known; *k != NULL; k++)
		if (seg_is(a, 1, *k))
			return true;
	return false;
}

/* Tell whether every byte of part i is in the set allowed. */
static bool
seg_chars(const struct pol_arn *a, int i, const char *allowed)
{
	size_t k;

	for (k = 0; k < a->len[i]; k++)
		if (strchr(allowed, a->part[i][k]) == NULL)
			return false;
	return true;
}

#define LOWER_DIGITS_DASH "abcdefghijklmnopqrstuvwxyz0123456789-"

static const char *
region_account_problem(const struct pol_arn *a)
{
	if (a->len[3] > 0 && !seg_has_wildcard(a, 3) &&
	    (!seg_chars(a, 3, LOWER_DIGITS_DASH) ||
	    !isdigit((unsigned char)a->part[3][a->len[3] - 1]) ||
	    memchr(a->part[3], '-', a->len[3]) == NULL))
		return "the region is not a region name such as us-east-1";
	if (a->len[4] > 0 && !seg_has_wildcard(a, 4) && !seg_is(a, 4, "aws") &&
	    (a->len[4] != 12 || !seg_chars(a, 4, "0123456789")))
		return "the account must be 12 digits";
	return NULL;
}

static const char *
service_rules(const struct pol_arn *a)
{
	static const char *const s3_regional[] = { "accesspoint/", "job/",
		"storage-lens/", "async-request/", "outpost/", NULL };
	const char *const *k;

	if (seg_is(a, 2, "s3") && (a->len[3] > 0 || a->len[4] > 0)) {
		for (k = s3_regional; *k != NULL; k++)
			if (a->len[5] >= strlen(*k) &&
			    memcmp(a->part[5], *k, strlen(*k)) == 0)
				return NULL;
		return "S3 bucket and object ARNs have no region or account "
		    "(arn:aws:s3:::BUCKET/KEY)";
	}
	if ((seg_is(a, 2, "iam") || seg_is(a, 2, "sts")) && a->len[3] > 0)
		return "IAM and STS ARNs have no region "
		    "(arn:aws:iam::ACCOUNT:role/NAME)";
	return NULL;
}

/* Why an ARN pattern can never match a real ARN, or NULL. */
const char *
pol_arn_problem(const char *arn)
{
	struct pol_arn a;
	const char *why;
	size_t k;

	if (strcmp(arn, "*") == 0 || strstr(arn, "${") != NULL)
		return NULL;
	if (!pol_arn_split(arn, strlen(arn), &a) || !seg_is(&a, 0, "arn"))
		return "an ARN has six parts: arn:PARTITION:SERVICE:REGION:"
		    "ACCOUNT:RESOURCE";
	if (!partition_ok(&a))
		return "unknown partition (aws, aws-cn, aws-us-gov...)";
	if (!seg_has_wildcard(&a, 2) && (a.len[2] == 0 ||
	    !seg_chars(&a, 2, LOWER_DIGITS_DASH)))
		return "the service must be a lower-case prefix such as s3";
	if ((why = region_account_problem(&a)) != NULL ||
	    (why = service_rules(&a)) != NULL)
		return why;
	for (k = 0; k < a.len[5]; k++)
		if (isspace((unsigned char)a.part[5][k]))
			return "the resource part contains white space";
	if (a.len[5] == 0)
		return "the resource part is empty";
	return NULL;
}

static void
report_arn(size_t i, const char *arn, const char *why,
    struct policy_findings *out)
{
	pol_finding_add(out, POLICY_ERROR, "malformed-arn", (long)i,
	    "write arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, e.g. "
	    "arn:aws:s3:::phi-demo/* or "
	    "arn:aws:lambda:us-east-1:111122223333:function:NAME",
	    "malformed ARN '%s': %s; it matches nothing", arn, why);
}

/* Find malformed ARNs in statement i's resources and Arn* conditions. */
void
pol_lint_arns(const struct policy *p, size_t i, struct policy_findings *out)
{
	const struct pol_statement *st = &p->st[i];
	const char *why;
	size_t k, v;

	for (k = 0; k < st->n_resources; k++)
		if ((why = pol_arn_problem(st->resources[k].source)) != NULL)
			report_arn(i, st->resources[k].source, why, out);
	for (k = 0; k < st->n_conds; k++) {
		if (st->conds[k].op->cls != POL_C_ARN)
			continue;
		for (v = 0; v < st->conds[k].n; v++) {
			const char *src = st->conds[k].values[v].pat.source;

			if ((why = pol_arn_problem(src)) != NULL)
				report_arn(i, src, why, out);
		}
	}
}
