/*
 * policy-lint-s3.c: S3 findings — actions on the wrong kind of ARN, and
 * what a bucket policy for PHI must deny.
 *
 * object-action-on-bucket-arn (error): s3:GetObject, s3:PutObject... on
 *   arn:aws:s3:::bucket only; that ARN matches no object, so the
 *   statement grants (or denies) nothing — the blog's role policy does
 *   this. bucket-action-on-object-arn (error): s3:ListBucket... only on
 *   object ARNs (arn:aws:s3:::bucket/KEY-PATTERN). Only explicitly named actions are judged
 *   ("s3:Get*" on a bucket is a common, deliberate choice).
 * phi-unencrypted-upload (error): a bucket policy for a bucket marked as
 *   holding PHI must have a Deny that stops s3:PutObject without
 *   server-side encryption. insecure-transport (error for PHI buckets,
 *   else warning): a bucket policy should deny aws:SecureTransport false.
 * Both are judged by evaluating the statements, not by their spelling:
 * a Deny counts when it applies to an upload by an arbitrary principal
 * without the x-amz-server-side-encryption header (or without TLS) and
 * stops applying once the header (or TLS) is there. So the classic
 * DenyUnEncryptedObjectUploads (Null ... true) and
 * DenyIncorrectEncryptionHeader (StringNotEquals ... AES256) both count,
 * and a Deny restricted to one principal does not.
 */
#include "hs-common.h"
#include "policy-int.h"

#include <strings.h>

/* What an S3 resource pattern can match. */
struct s3res {
	bool s3;		/* an S3 ARN (or "*") */
	bool objects;		/* can match arn:aws:s3:::bucket/key */
	bool buckets;		/* can match arn:aws:s3:::bucket */
};

static void
classify(const char *src, struct s3res *r)
{
	struct pol_arn a;
	char *rs;
	bool var;

	memset(r, 0, sizeof *r);
	if (strcmp(src, "*") == 0) {
		r->objects = r->buckets = true;
		return;
	}
	if (!pol_arn_split(src, strlen(src), &a) || a.len[2] != 2 ||
	    memcmp(a.part[2], "s3", 2) != 0)
		return;
	r->s3 = true;
	rs = hs_xstrndup(a.part[5], a.len[5]);
	var = strstr(rs, "${") != NULL;
	r->objects = var || strpbrk(rs, "/*?") != NULL;
	r->buckets = var || strchr(rs, '/') == NULL;
	free(rs);
}

/* Join the statement's explicitly named S3 actions of one kind. */
static bool
named_actions(const struct pol_statement *st, bool (*kind)(const char *),
    struct hs_buf *out)
{
	size_t k;

	for (k = 0; k < st->n_actions; k++) {
		const char *a = st->actions[k].source;

		if (strncasecmp(a, "s3:", 3) != 0 || strpbrk(a, "*?") != NULL ||
		    !kind(a + 3))
			continue;
		(void)hs_buf_addf(out, "%s%s", out->len ? ", " : "", a);
	}
	return out->len > 0;
}

/* Tell whether all resources are S3 ARNs and none can match the kind. */
static bool
only_other_kind(const struct pol_statement *st, bool objects)
{
	struct s3res r;
	size_t k;

	for (k = 0; k < st->n_resources; k++) {
		classify(st->resources[k].source, &r);
		if (!r.s3 || (objects ? r.objects : r.buckets))
			return false;
	}
	return st->n_resources > 0;
}

/* The bucket name of an S3 resource pattern, or NULL. */
static char *
bucket_of(const char *src)
{
	struct pol_arn a;
	size_t n;

	if (!pol_arn_split(src, strlen(src), &a) || a.len[5] == 0)
		return NULL;
	n = strcspn(a.part[5], "/");
	return n > 0 ? hs_xstrndup(a.part[5], n) : NULL;
}

static void
report_kind(const struct policy *p, size_t i, bool objects, const char *acts,
    struct policy_findings *out)
{
	const struct pol_statement *st = &p->st[i];
	char *b = bucket_of(st->resources[0].source), *fix;
	struct hs_buf res = HS_BUF_INIT;
	size_t k;

	for (k = 0; k < st->n_resources; k++)
		(void)hs_buf_addf(&res, "%s%s", k ? ", " : "",
		    st->resources[k].source);
	fix = objects ? hs_xasprintf("add the object ARN "
	    "\"arn:aws:s3:::%s/*\" to Resource (keep the bucket ARN for "
	    "bucket actions such as s3:ListBucket)", b ? b : "BUCKET") :
	    hs_xasprintf("add the bucket ARN \"arn:aws:s3:::%s\" to Resource",
	    b ? b : "BUCKET");
	pol_finding_add(out, POLICY_ERROR, objects ?
	    "object-action-on-bucket-arn" : "bucket-action-on-object-arn",
	    (long)i, fix, "%s actions (%s) are %s only on %s ARNs (%s), which "
	    "match no %s: the statement %s nothing", objects ? "object" :
	    "bucket", acts, st->deny ? "denied" : "granted", objects ? "bucket" :
	    "object", res.buf, objects ? "object" : "bucket",
	    st->deny ? "denies" : "allows");
	hs_buf_release(&res);
	free(fix);
	free(b);
}

/* Find S3 actions given only on the wrong kind of ARN. */
void
pol_lint_s3_arns(const struct policy *p, size_t i, struct policy_findings *out)
{
	const struct pol_statement *st = &p->st[i];
	struct hs_buf acts = HS_BUF_INIT;

	if (st->not_action || st->not_resource || !st->has_resource)
		return;
	if (named_actions(st, pol_s3_object_action, &acts) &&
	    only_other_kind(st, true))
		report_kind(p, i, true, acts.buf, out);
	hs_buf_reset(&acts);
	if (named_actions(st, pol_s3_bucket_action, &acts) &&
	    only_other_kind(st, false))
		report_kind(p, i, false, acts.buf, out);
	hs_buf_release(&acts);
}

/* The probe principal: nobody in particular, from some other account. */
static void
probe_principal(struct policy_principal *pp)
{
	memset(pp, 0, sizeof *pp);
	pp->type = POLICY_PRINCIPAL_AWS;
	pp->id = "arn:aws:iam::123456789012:user/hs-lint-probe";
	memcpy(pp->account, "123456789012", 13);
}

static bool
applies(const struct policy *p, size_t i, const struct policy_request *req,
    struct hs_buf *scratch)
{
	return pol_statement_applies(p, &p->st[i], req, scratch, NULL) !=
	    POL_APPLIES_NO;
}

/* Tell whether a Deny stops uploads to bucket without SSE, and only them. */
static bool
denies_unencrypted(const struct policy *p, const char *bucket)
{
	static const char *const sse[] = { "AES256", "aws:kms" };
	struct policy_principal pp;
	struct policy_ctx *plain = policy_ctx_new(), *with[2];
	char *arn = hs_xasprintf("arn:aws:s3:::%s/hs-lint-probe", bucket);
	struct policy_request req = { "s3:PutObject", arn, NULL, &pp, plain };
	struct hs_buf scratch = HS_BUF_INIT;
	bool found = false;
	size_t i, k;

	probe_principal(&pp);
	policy_ctx_add(plain, "aws:SecureTransport", "true");
	for (k = 0; k < 2; k++) {
		with[k] = policy_ctx_new();
		policy_ctx_add(with[k], "aws:SecureTransport", "true");
		policy_ctx_add(with[k], "s3:x-amz-server-side-encryption", sse[k]);
	}
	for (i = 0; i < p->n && !found; i++) {
		struct policy_request r0 = req, r1 = req;

		r0.ctx = with[0];
		r1.ctx = with[1];
		found = p->st[i].deny && applies(p, i, &req, &scratch) &&
		    (!applies(p, i, &r0, &scratch) || !applies(p, i, &r1, &scratch));
	}
	for (k = 0; k < 2; k++)
		policy_ctx_free(with[k]);
	policy_ctx_free(plain);
	hs_buf_release(&scratch);
	free(arn);
	return found;
}

/* Tell whether a Deny applies without TLS, and not with it. */
static bool
denies_insecure_transport(const struct policy *p)
{
	struct policy_principal pp;
	struct policy_ctx *off = policy_ctx_new(), *on = policy_ctx_new();
	struct hs_buf scratch = HS_BUF_INIT;
	bool found = false;
	size_t i, k;

	probe_principal(&pp);
	policy_ctx_add(off, "aws:SecureTransport", "false");
	policy_ctx_add(on, "aws:SecureTransport", "true");
	for (i = 0; i < p->n && !found; i++) {
		const struct pol_statement *st = &p->st[i];
		bool who = !st->has_principal;

		for (k = 0; k < st->n_principals && !who; k++)
			who = pol_principal_match(&st->principals[k], &pp,
			    st->not_principal) != POL_PM_NO;
		if (st->not_principal)
			who = !who;
		found = st->deny && who &&
		    pol_conditions_hold(st, off, &scratch, NULL) &&
		    !pol_conditions_hold(st, on, &scratch, NULL);
	}
	policy_ctx_free(off);
	policy_ctx_free(on);
	hs_buf_release(&scratch);
	return found;
}

/* The first S3 bucket the policy names, or NULL. */
static char *
first_bucket(const struct policy *p)
{
	struct s3res r;
	size_t i, k;

	for (i = 0; i < p->n; i++)
		for (k = 0; k < p->st[i].n_resources; k++) {
			classify(p->st[i].resources[k].source, &r);
			if (r.s3)
				return bucket_of(p->st[i].resources[k].source);
		}
	return NULL;
}

static void
lint_sse(const struct policy *p, const char *bucket, struct policy_findings *out)
{
	char *fix;

	if (denies_unencrypted(p, bucket))
		return;
	fix = hs_xasprintf("add {\"Sid\": \"DenyUnEncryptedObjectUploads\", "
	    "\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": "
	    "\"s3:PutObject\", \"Resource\": \"arn:aws:s3:::%s/*\", "
	    "\"Condition\": {\"Null\": {\"s3:x-amz-server-side-encryption\": "
	    "\"true\"}}}", bucket);
	pol_finding_add(out, POLICY_ERROR, "phi-unencrypted-upload", -1, fix,
	    "nothing denies uploads without server-side encryption to PHI "
	    "bucket '%s'", bucket);
	free(fix);
}

static void
lint_tls(const struct policy *p, const struct policy_lint_opts *opts,
    struct policy_findings *out)
{
	char *bucket, *fix;

	if (denies_insecure_transport(p))
		return;
	bucket = opts->n_phi_buckets ? hs_xstrdup(opts->phi_buckets[0]) :
	    first_bucket(p);
	fix = hs_xasprintf("add {\"Sid\": \"DenyInsecureTransport\", "
	    "\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", "
	    "\"Resource\": [\"arn:aws:s3:::%s\", \"arn:aws:s3:::%s/*\"], "
	    "\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}",
	    bucket ? bucket : "BUCKET", bucket ? bucket : "BUCKET");
	pol_finding_add(out, opts->n_phi_buckets ? POLICY_ERROR : POLICY_WARNING,
	    "insecure-transport", -1, fix, "no statement denies requests "
	    "without TLS (aws:SecureTransport \"false\")");
	free(fix);
	free(bucket);
}

/* Judge a bucket policy's SSE and TLS denials. */
void
pol_lint_phi(const struct policy *p, const struct policy_lint_opts *opts,
    struct policy_findings *out)
{
	char *b;
	size_t i;

	if (p->type != POLICY_RESOURCE)
		return;
	for (i = 0; i < opts->n_phi_buckets; i++)
		lint_sse(p, opts->phi_buckets[i], out);
	b = first_bucket(p);
	if (opts->n_phi_buckets > 0 || b != NULL)
		lint_tls(p, opts, out);
	free(b);
}
