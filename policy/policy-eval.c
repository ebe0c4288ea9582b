/*
 * policy-eval.c: does a statement apply, and what the policies decide.
 *
 * The decision follows
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * with its pages on single-account and cross-account evaluation:
 * - an explicit Deny in any applicable policy wins;
 * - same account: an Allow in an identity policy, or in the resource
 *   policy naming the principal (or "*"), suffices; a resource policy that
 *   names only the principal's account delegates to the identity
 *   policies; a role trust policy (and a KMS key policy) must allow
 *   itself;
 * - cross-account: the identity policies and the resource policy must
 *   both allow;
 * - AWS services and anonymous callers have no identity policies: the
 *   resource policy alone decides;
 * - the root user of the resource's account needs no allow (but can be
 *   denied, and cannot assume a role its trust policy does not allow).
 * Without a result to fill in, evaluation allocates nothing and stops at
 * the first deny: that is the sandbox's per-request path.
 */
#include "hs-common.h"
#include "policy-int.h"

#include <strings.h>

static bool
action_matches(const struct pol_statement *st, const char *action)
{
	size_t i, alen = strlen(action);
	bool hit = false;

	for (i = 0; i < st->n_actions && !hit; i++)
		hit = pol_glob(st->actions[i].text, st->actions[i].len, action,
		    alen, true);
	return hit != st->not_action;
}

static bool
resource_matches(const struct pol_statement *st, const char *res,
    const struct policy_ctx *ctx, struct hs_buf *scratch,
    struct pol_missing *missing)
{
	size_t i, rlen = strlen(res), plen;
	const char *p;
	bool hit = false;

	if (!st->has_resource)
		return true;
	for (i = 0; i < st->n_resources && !hit; i++) {
		if (!pol_pattern_expand(&st->resources[i], ctx, scratch, &p,
		    &plen, missing))
			continue;
		if (plen == 1 && p[0] == POL_STAR)
			hit = true;
		else
			hit = pol_arn_glob(p, plen, res, rlen);
	}
	return hit != st->not_resource;
}

static enum pol_pmatch
principal_matches(const struct policy *p, const struct pol_statement *st,
    const struct policy_principal *pp)
{
	enum pol_pmatch best = POL_PM_NO;
	size_t i;

	if (p->type == POLICY_IDENTITY || !st->has_principal)
		return POL_PM_YES;
	for (i = 0; i < st->n_principals && best != POL_PM_YES; i++) {
		enum pol_pmatch m = pol_principal_match(&st->principals[i], pp,
		    st->not_principal);

		if (m > best)
			best = m;
	}
	if (st->not_principal)
		return best == POL_PM_YES ? POL_PM_NO : POL_PM_YES;
	return best;
}

/* Tell whether all of a statement's conditions hold. */
bool
pol_conditions_hold(const struct pol_statement *st,
    const struct policy_ctx *ctx, struct hs_buf *scratch,
    struct pol_missing *missing)
{
	size_t i;
	bool all = true;

	for (i = 0; i < st->n_conds; i++) {
		if (!pol_cond_eval(&st->conds[i], ctx, scratch, missing)) {
			all = false;
			if (missing == NULL)	/* nothing more to learn */
				break;
		}
	}
	return all;
}

/* Tell whether statement st applies to the request. */
enum pol_applies
pol_statement_applies(const struct policy *p, const struct pol_statement *st,
    const struct policy_request *req, struct hs_buf *scratch,
    struct pol_missing *missing)
{
	enum pol_pmatch pm;

	if (!action_matches(st, req->action) ||
	    !resource_matches(st, req->resource ? req->resource : "*", req->ctx,
	    scratch, missing))
		return POL_APPLIES_NO;
	pm = principal_matches(p, st, req->principal);
	if (pm == POL_PM_NO ||
	    !pol_conditions_hold(st, req->ctx, scratch, missing))
		return POL_APPLIES_NO;
	return pm == POL_PM_ACCOUNT ? POL_APPLIES_ACCOUNT : POL_APPLIES_YES;
}

/* What one side (identity or resource) of the evaluation found. */
struct side {
	bool deny;
	bool allow;		/* an Allow naming the principal (or any identity allow) */
	bool allow_account;	/* an Allow naming only the principal's account */
};

struct refs {
	struct policy_statement_ref *v;
	size_t n;
	size_t alloc;
};

struct eval {
	const struct policy_request *req;
	struct hs_buf scratch;
	struct pol_missing missing;
	bool full;		/* fill in a result */
	struct refs denies;
	struct refs allows;
};

static void
refs_add(struct refs *r, const struct policy *p, size_t i)
{
	if (r->n == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 4;
		r->v = hs_xreallocarray(r->v, r->alloc, sizeof *r->v);
	}
	r->v[r->n].policy = p;
	r->v[r->n++].index = i;
}

/* Evaluate every statement of p; false when a deny ends a fast path. */
static bool
scan_policy(struct eval *ev, const struct policy *p, struct side *side)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		enum pol_applies a = pol_statement_applies(p, &p->st[i], ev->req,
		    &ev->scratch, ev->full ? &ev->missing : NULL);

		if (a == POL_APPLIES_NO)
			continue;
		if (p->st[i].deny) {
			side->deny = true;
			if (!ev->full)
				return false;
			refs_add(&ev->denies, p, i);
			continue;
		}
		if (a == POL_APPLIES_ACCOUNT)
			side->allow_account = true;
		else
			side->allow = true;
		if (ev->full)
			refs_add(&ev->allows, p, i);
	}
	return true;
}

static enum policy_decision
side_decision(const struct side *s)
{
	if (s->deny)
		return POLICY_EXPLICIT_DENY;
	return s->allow || s->allow_account ? POLICY_ALLOW : POLICY_IMPLICIT_DENY;
}

static bool
is_cross_account(const struct policy_request *req)
{
	const struct policy_principal *pp = req->principal;

	if (pp == NULL || pp->type != POLICY_PRINCIPAL_AWS ||
	    req->resource_account == NULL || *req->resource_account == '\0' ||
	    pp->account[0] == '\0')
		return false;
	return strcmp(pp->account, req->resource_account) != 0;
}

static const char *
cross_account_why(bool id_ok, bool res_ok)
{
	if (id_ok && res_ok)
		return "cross-account: both the identity policies and the "
		    "resource policy allow";
	if (id_ok)
		return "cross-account: the resource policy must allow too, and "
		    "does not";
	if (res_ok)
		return "cross-account: the principal's identity policies must "
		    "allow too, and do not";
	return "cross-account: neither the identity policies nor the resource "
	    "policy allow";
}

static const char *
same_account_why(const struct side *id, const struct side *res)
{
	if (id->allow && res->allow)
		return "allowed by an identity policy and by the resource policy";
	if (id->allow)
		return "allowed by an identity policy";
	if (res->allow)
		return "allowed by the resource policy, which names the principal";
	if (res->allow_account)
		return "the resource policy names only the principal's account, "
		    "which leaves the decision to the identity policies, and "
		    "none allows";
	return "no statement allows the request";
}

/* Combine the two sides when nothing denies; set *why. */
static bool
combine(const struct policy_set *set, const struct policy_request *req,
    const struct side *id, const struct side *res, const char **why)
{
	const struct policy_principal *pp = req->principal;
	bool must = set->resource_must_allow ||
	    (set->resource != NULL && set->resource->type == POLICY_TRUST);
	bool root = pol_principal_is_root(pp), id_ok = id->allow || root;
	bool res_any = res->allow || res->allow_account, ok;

	if (pp == NULL || pp->type != POLICY_PRINCIPAL_AWS) {
		*why = res_any ? "allowed by the resource policy, the only policy "
		    "for an AWS service or an anonymous caller" : "the resource "
		    "policy, the only policy for an AWS service or an anonymous "
		    "caller, does not allow it";
		return res_any;
	}
	if (is_cross_account(req)) {
		*why = cross_account_why(id_ok, res_any);
		return id_ok && res_any;
	}
	if (must) {
		ok = res->allow || (res->allow_account && id_ok);
		*why = ok ? "the role trust policy (or key policy) allows the "
		    "principal" : "the role trust policy (or key policy) must "
		    "allow the principal itself, and does not";
		return ok;
	}
	if (root && !id->allow && !res->allow) {
		*why = "the root user of the resource's account has full access "
		    "unless a policy denies it";
		return true;
	}
	*why = same_account_why(id, res);
	return id->allow || res->allow;
}

static int
key_cmp(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* Move what the evaluation gathered into the caller's result. */
static void
fill_result(struct eval *ev, struct policy_result *out)
{
	struct refs *r = out->decision == POLICY_EXPLICIT_DENY ? &ev->denies :
	    out->decision == POLICY_ALLOW ? &ev->allows : NULL;

	if (r != NULL) {
		out->matched = r->v;
		out->n_matched = r->n;
		r->v = NULL;
	}
	if (ev->missing.n > 1)
		qsort(ev->missing.keys, ev->missing.n, sizeof *ev->missing.keys,
		    key_cmp);
	out->missing = ev->missing.keys;
	out->n_missing = ev->missing.n;
	ev->missing.keys = NULL;
	ev->missing.n = 0;
}

/* Run both sides; false when a fast path found a deny. */
static bool
scan_all(struct eval *ev, const struct policy_set *set, struct side *id,
    struct side *res)
{
	const struct policy_principal *pp = ev->req->principal;
	size_t i;

	if (pp != NULL && pp->type == POLICY_PRINCIPAL_AWS)
		for (i = 0; i < set->n_identity; i++)
			if (!scan_policy(ev, set->identity[i], id))
				return false;
	if (set->resource != NULL && !scan_policy(ev, set->resource, res))
		return false;
	return true;
}

/* Decide a request as AWS documents it. */
enum policy_decision
policy_evaluate(const struct policy_set *set, const struct policy_request *req,
    struct policy_result *out)
{
	struct eval ev = { req, HS_BUF_INIT, { NULL, 0, 0 }, out != NULL,
	    { NULL, 0, 0 }, { NULL, 0, 0 } };
	struct side id = { false, false, false }, res = id;
	enum policy_decision d;
	const char *why = "an explicit deny overrides any allow";

	if (!scan_all(&ev, set, &id, &res) || id.deny || res.deny)
		d = POLICY_EXPLICIT_DENY;
	else
		d = combine(set, req, &id, &res, &why) ? POLICY_ALLOW :
		    POLICY_IMPLICIT_DENY;
	if (out != NULL) {
		memset(out, 0, sizeof *out);
		out->decision = d;
		out->identity_decision = side_decision(&id);
		out->resource_decision = side_decision(&res);
		out->cross_account = is_cross_account(req);
		out->reason = why;
		fill_result(&ev, out);
	}
	free(ev.denies.v);
	free(ev.allows.v);
	pol_missing_release(&ev.missing);
	hs_buf_release(&ev.scratch);
	return d;
}

/* Free what policy_evaluate() put in a result. */
void
policy_result_clear(struct policy_result *r)
{
	size_t i;

	free(r->matched);
	for (i = 0; i < r->n_missing; i++)
		free(r->missing[i]);
	free(r->missing);
	memset(r, 0, sizeof *r);
	r->reason = "";
}

/* IAM's EvalDecision names. */
const char *
policy_decision_name(enum policy_decision d)
{
	switch (d) {
	case POLICY_ALLOW: return "allowed";
	case POLICY_EXPLICIT_DENY: return "explicitDeny";
	case POLICY_IMPLICIT_DENY: break;
	}
	return "implicitDeny";
}
