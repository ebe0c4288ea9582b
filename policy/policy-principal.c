/*
 * policy-principal.c: the Principal element, and who makes a request.
 *
 * Per https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html:
 * "*" and {"AWS": "*"} are everyone (anonymous callers included); an
 * account ID or arn:aws:iam::ACCOUNT:root names the account, which
 * delegates to the account's own identity policies; a role ARN also
 * matches the role's sessions (arn:aws:sts::ACCOUNT:assumed-role/NAME/...);
 * wildcards are allowed only as the whole value "*".
 *
 * Deliberate oddity: in NotPrincipal (matched with exact = true) an
 * account entry excludes only the account's root user, not every
 * principal of the account; for a Deny with NotPrincipal that errs on the
 * side of denying.
 */
#include "hs-common.h"
#include "policy-int.h"

static bool
is_account_id(const char *s, size_t len)
{
	size_t i;

	if (len != 12)
		return false;
	for (i = 0; i < 12; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool
part_is(const struct pol_arn *a, int i, const char *s)
{
	return a->len[i] == strlen(s) && memcmp(a->part[i], s, a->len[i]) == 0;
}

static bool
part_starts(const struct pol_arn *a, int i, const char *prefix)
{
	size_t n = strlen(prefix);

	return a->len[i] > n && memcmp(a->part[i], prefix, n) == 0;
}

/* Classify an IAM or STS principal ARN. */
static int
compile_aws_arn(struct pol_principal *e, const char *value)
{
	struct pol_arn a;
	const char *slash;

	if (!pol_arn_split(value, strlen(value), &a) || !part_is(&a, 0, "arn") ||
	    a.len[1] == 0 || a.len[3] != 0 || !is_account_id(a.part[4], a.len[4]))
		return -1;
	memcpy(e->account, a.part[4], 12);
	e->account[12] = '\0';
	if (part_is(&a, 2, "iam") && part_is(&a, 5, "root"))
		e->kind = POL_P_ACCOUNT;
	else if (part_is(&a, 2, "iam") && part_starts(&a, 5, "role/")) {
		e->kind = POL_P_ROLE;
		slash = strrchr(value, '/');
		e->role_name = hs_xstrdup(slash + 1);
	} else if ((part_is(&a, 2, "iam") && part_starts(&a, 5, "user/")) ||
	    (part_is(&a, 2, "sts") && (part_starts(&a, 5, "assumed-role/") ||
	    part_starts(&a, 5, "federated-user/"))))
		e->kind = POL_P_ARN;
	else
		return -1;
	return 0;
}

static int
compile_aws(struct pol_principal *e, const char *value)
{
	size_t len = strlen(value);

	if (strcmp(value, "*") == 0) {
		e->kind = POL_P_ANY;
		return 0;
	}
	if (strpbrk(value, "*?") != NULL)
		return -1;
	if (is_account_id(value, len)) {
		e->kind = POL_P_ACCOUNT;
		memcpy(e->account, value, 13);
		return 0;
	}
	return compile_aws_arn(e, value);
}

/* Compile one principal value of the given type (NULL: Principal: "*"). */
int
pol_principal_compile(struct pol_principal *e, const char *type,
    const char *value, char **reason)
{
	int rc = 0;

	memset(e, 0, sizeof *e);
	e->value = hs_xstrdup(value);
	if (type == NULL)
		rc = strcmp(value, "*") == 0 ? 0 : -1;
	else if (strcmp(type, "AWS") == 0)
		rc = compile_aws(e, value);
	else if (*value == '\0' || strpbrk(value, "*?") != NULL)
		rc = -1;
	else if (strcmp(type, "Service") == 0)
		e->kind = POL_P_SERVICE;
	else if (strcmp(type, "Federated") == 0)
		e->kind = POL_P_FEDERATED;
	else if (strcmp(type, "CanonicalUser") == 0)
		e->kind = POL_P_CANONICAL;
	else {
		*reason = hs_xasprintf("Invalid principal in policy: unknown "
		    "principal type \"%s\" (use AWS, Service, Federated or "
		    "CanonicalUser)", type);
		pol_principal_release(e);
		return -1;
	}
	if (rc < 0) {
		*reason = hs_xasprintf("Invalid principal in policy: '%s' (use "
		    "\"*\", a 12-digit account ID, an IAM or STS ARN, or a "
		    "service name; wildcards only as the whole value \"*\")",
		    value);
		pol_principal_release(e);
	}
	return rc;
}

void
pol_principal_release(struct pol_principal *e)
{
	free(e->value);
	free(e->role_name);
	memset(e, 0, sizeof *e);
}

/* Tell whether the request comes from a role session of entry e. */
static bool
is_session_of(const struct pol_principal *e, const char *id)
{
	struct pol_arn a;
	size_t n = strlen(e->role_name);
	const char *name;

	if (id == NULL || !pol_arn_split(id, strlen(id), &a) ||
	    !part_is(&a, 2, "sts") || !part_starts(&a, 5, "assumed-role/") ||
	    a.len[4] != 12 || memcmp(a.part[4], e->account, 12) != 0)
		return false;
	name = a.part[5] + strlen("assumed-role/");
	return strncmp(name, e->role_name, n) == 0 && name[n] == '/';
}

/* Tell whether pp is an account's root user. */
bool
pol_principal_is_root(const struct policy_principal *pp)
{
	struct pol_arn a;

	return pp != NULL && pp->type == POLICY_PRINCIPAL_AWS && pp->id != NULL &&
	    pol_arn_split(pp->id, strlen(pp->id), &a) && part_is(&a, 2, "iam") &&
	    part_is(&a, 5, "root");
}

static bool
same_id(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Match the requester against one principal entry. */
enum pol_pmatch
pol_principal_match(const struct pol_principal *e,
    const struct policy_principal *pp, bool exact)
{
	if (e->kind == POL_P_ANY)
		return POL_PM_YES;
	if (pp == NULL || pp->type == POLICY_PRINCIPAL_ANONYMOUS)
		return POL_PM_NO;
	switch (e->kind) {
	case POL_P_ACCOUNT:
		if (pp->type != POLICY_PRINCIPAL_AWS ||
		    strcmp(pp->account, e->account) != 0)
			return POL_PM_NO;
		if (pol_principal_is_root(pp))
			return POL_PM_YES;
		return exact ? POL_PM_NO : POL_PM_ACCOUNT;
	case POL_P_ROLE:
		return pp->type == POLICY_PRINCIPAL_AWS && (same_id(pp->id,
		    e->value) || is_session_of(e, pp->id)) ? POL_PM_YES : POL_PM_NO;
	case POL_P_ARN:
		return pp->type == POLICY_PRINCIPAL_AWS &&
		    same_id(pp->id, e->value) ? POL_PM_YES : POL_PM_NO;
	case POL_P_SERVICE:
		return pp->type == POLICY_PRINCIPAL_SERVICE &&
		    same_id(pp->id, e->value) ? POL_PM_YES : POL_PM_NO;
	case POL_P_FEDERATED:
		return pp->type == POLICY_PRINCIPAL_FEDERATED &&
		    same_id(pp->id, e->value) ? POL_PM_YES : POL_PM_NO;
	case POL_P_CANONICAL:
		return pp->type == POLICY_PRINCIPAL_CANONICAL_USER &&
		    same_id(pp->id, e->value) ? POL_PM_YES : POL_PM_NO;
	case POL_P_ANY:
		break;
	}
	return POL_PM_NO;
}

static int
init_aws_arn(struct policy_principal *out, const char *spec, char **cause)
{
	struct pol_arn a;

	if (!pol_arn_split(spec, strlen(spec), &a) || !part_is(&a, 0, "arn") ||
	    !(part_is(&a, 2, "iam") || part_is(&a, 2, "sts")) ||
	    !is_account_id(a.part[4], a.len[4]) || a.len[5] == 0) {
		*cause = hs_xasprintf("invalid principal '%s': expected an IAM "
		    "or STS ARN such as arn:aws:iam::111122223333:user/alice",
		    spec);
		return -1;
	}
	out->type = POLICY_PRINCIPAL_AWS;
	out->id = spec;
	memcpy(out->account, a.part[4], 12);
	out->account[12] = '\0';
	return 0;
}

/* Describe a principal from a command-line style spec. */
int
policy_principal_init(struct policy_principal *out, const char *spec,
    char **cause)
{
	memset(out, 0, sizeof *out);
	if (spec == NULL || *spec == '\0') {
		*cause = hs_xstrdup("empty principal");
		return -1;
	}
	if (strcmp(spec, "anonymous") == 0 || strcmp(spec, "*") == 0) {
		out->type = POLICY_PRINCIPAL_ANONYMOUS;
		return 0;
	}
	if (hs_starts_with(spec, "federated:") && spec[10] != '\0') {
		out->type = POLICY_PRINCIPAL_FEDERATED;
		out->id = spec + 10;
		return 0;
	}
	if (hs_starts_with(spec, "canonical:") && spec[10] != '\0') {
		out->type = POLICY_PRINCIPAL_CANONICAL_USER;
		out->id = spec + 10;
		return 0;
	}
	if (is_account_id(spec, strlen(spec))) {
		out->type = POLICY_PRINCIPAL_AWS;
		memcpy(out->account, spec, 13);
		return 0;
	}
	if (hs_starts_with(spec, "arn:"))
		return init_aws_arn(out, spec, cause);
	if (strchr(spec, '.') != NULL && strchr(spec, ':') == NULL &&
	    strchr(spec, '/') == NULL) {
		out->type = POLICY_PRINCIPAL_SERVICE;
		out->id = spec;
		return 0;
	}
	*cause = hs_xasprintf("invalid principal '%s': expected an IAM or STS "
	    "ARN, an account ID, a service principal name "
	    "(s3.amazonaws.com), federated:PROVIDER, canonical:ID or anonymous",
	    spec);
	return -1;
}
