/*
 * test-policy-cond.c: every condition operator, with ...IfExists, the
 * ForAllValues:/ForAnyValue: set qualifiers, absent keys and
 * multi-valued keys.
 *
 * Each case is one Condition element in an identity policy that allows
 * s3:GetObject; the request is allowed exactly when the condition holds.
 * Expected results follow
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * ("If the key that you specify in a policy condition is not present in
 * the request context, the values do not match and the condition is
 * false. If the policy condition requires that the key is not matched,
 * such as StringNotLike or ArnNotLike, and the right key is not present,
 * the condition is true ... except ...IfExists and Null check") and
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * (values of one key are OR'ed, NOR for negated operators; ForAllValues
 * is true when the key is absent or has no values, ForAnyValue false).
 */
#include "hs-common.h"
#include "harness.h"
#include "policy-int.h"
#include "test-policy-util.h"

struct cond_case {
	const char *name;
	const char *cond;		/* the Condition element's JSON */
	const char *const *ctx;		/* the request's keys */
	bool want;			/* the condition holds */
};

#define C(name, cond, ctx, want) { name, cond, ctx, want }
#define NONE NULL

static const struct cond_case strings[] = {
	C("StringEquals/match", "{\"StringEquals\":{\"k:a\":\"x\"}}", TP_KV("k:a=x"), true),
	C("StringEquals/case", "{\"StringEquals\":{\"k:a\":\"x\"}}", TP_KV("k:a=X"), false),
	C("StringEquals/absent", "{\"StringEquals\":{\"k:a\":\"x\"}}", NONE, false),
	C("StringEquals/star-is-literal", "{\"StringEquals\":{\"k:a\":\"x*\"}}", TP_KV("k:a=xy"), false),
	C("StringEquals/star-literal-match", "{\"StringEquals\":{\"k:a\":\"x*\"}}", TP_KV("k:a=x*"), true),
	C("StringEquals/key-case", "{\"StringEquals\":{\"K:A\":\"x\"}}", TP_KV("k:a=x"), true),
	C("StringEquals/values-or", "{\"StringEquals\":{\"k:a\":[\"a\",\"b\"]}}", TP_KV("k:a=b"), true),
	C("StringEquals/values-or-miss", "{\"StringEquals\":{\"k:a\":[\"a\",\"b\"]}}", TP_KV("k:a=c"), false),
	C("StringEquals/multi-valued-any", "{\"StringEquals\":{\"k:a\":\"a\"}}", TP_KV("k:a=a", "k:a=b"), true),
	C("StringEquals/empty-value", "{\"StringEquals\":{\"k:a\":\"\"}}", TP_KV("k:a="), true),
	C("StringEquals/other-key", "{\"StringEquals\":{\"k:a\":\"x\"}}", TP_KV("k:b=1"), false),
	C("StringNotEquals/match", "{\"StringNotEquals\":{\"k:a\":\"x\"}}", TP_KV("k:a=x"), false),
	C("StringNotEquals/other", "{\"StringNotEquals\":{\"k:a\":\"x\"}}", TP_KV("k:a=y"), true),
	C("StringNotEquals/absent", "{\"StringNotEquals\":{\"k:a\":\"x\"}}", NONE, true),
	C("StringNotEquals/values-nor", "{\"StringNotEquals\":{\"k:a\":[\"a\",\"b\"]}}", TP_KV("k:a=b"), false),
	C("StringNotEquals/values-nor-miss", "{\"StringNotEquals\":{\"k:a\":[\"a\",\"b\"]}}", TP_KV("k:a=c"), true),
	C("StringNotEquals/multi-valued-none", "{\"StringNotEquals\":{\"k:a\":\"a\"}}", TP_KV("k:a=a", "k:a=b"), false),
	C("StringEqualsIgnoreCase/match", "{\"StringEqualsIgnoreCase\":{\"k:a\":\"PHI\"}}", TP_KV("k:a=phi"), true),
	C("StringEqualsIgnoreCase/miss", "{\"StringEqualsIgnoreCase\":{\"k:a\":\"PHI\"}}", TP_KV("k:a=ph"), false),
	C("StringEqualsIgnoreCase/absent", "{\"StringEqualsIgnoreCase\":{\"k:a\":\"PHI\"}}", NONE, false),
	C("StringNotEqualsIgnoreCase/match", "{\"StringNotEqualsIgnoreCase\":{\"k:a\":\"PHI\"}}", TP_KV("k:a=pHi"), false),
	C("StringNotEqualsIgnoreCase/other", "{\"StringNotEqualsIgnoreCase\":{\"k:a\":\"PHI\"}}", TP_KV("k:a=abc"), true),
	C("StringNotEqualsIgnoreCase/absent", "{\"StringNotEqualsIgnoreCase\":{\"k:a\":\"PHI\"}}", NONE, true),
	C("StringLike/star", "{\"StringLike\":{\"s3:prefix\":\"home/*\"}}", TP_KV("s3:prefix=home/alice/x"), true),
	C("StringLike/case-sensitive", "{\"StringLike\":{\"s3:prefix\":\"home/*\"}}", TP_KV("s3:prefix=Home/alice"), false),
	C("StringLike/qmark", "{\"StringLike\":{\"s3:prefix\":\"home/?\"}}", TP_KV("s3:prefix=home/a"), true),
	C("StringLike/qmark-one", "{\"StringLike\":{\"s3:prefix\":\"home/?\"}}", TP_KV("s3:prefix=home/ab"), false),
	C("StringLike/absent", "{\"StringLike\":{\"s3:prefix\":\"*\"}}", NONE, false),
	C("StringLike/literal-star", "{\"StringLike\":{\"s3:prefix\":\"a${*}\"}}", TP_KV("s3:prefix=a*"), true),
	C("StringLike/literal-star-miss", "{\"StringLike\":{\"s3:prefix\":\"a${*}\"}}", TP_KV("s3:prefix=ab"), false),
	C("StringLike/literal-qmark", "{\"StringLike\":{\"s3:prefix\":\"a${?}\"}}", TP_KV("s3:prefix=ab"), false),
	C("StringLike/literal-dollar", "{\"StringLike\":{\"s3:prefix\":\"${$}*\"}}", TP_KV("s3:prefix=$HOME"), true),
	C("StringNotLike/match", "{\"StringNotLike\":{\"s3:prefix\":\"home/*\"}}", TP_KV("s3:prefix=home/a"), false),
	C("StringNotLike/other", "{\"StringNotLike\":{\"s3:prefix\":\"home/*\"}}", TP_KV("s3:prefix=etc/a"), true),
	C("StringNotLike/absent", "{\"StringNotLike\":{\"s3:prefix\":\"home/*\"}}", NONE, true),
	C("StringEqualsIfExists/absent", "{\"StringEqualsIfExists\":{\"k:a\":\"x\"}}", NONE, true),
	C("StringEqualsIfExists/match", "{\"StringEqualsIfExists\":{\"k:a\":\"x\"}}", TP_KV("k:a=x"), true),
	C("StringEqualsIfExists/miss", "{\"StringEqualsIfExists\":{\"k:a\":\"x\"}}", TP_KV("k:a=y"), false),
	C("StringNotEqualsIfExists/absent", "{\"StringNotEqualsIfExists\":{\"k:a\":\"x\"}}", NONE, true),
	C("StringNotEqualsIfExists/match", "{\"StringNotEqualsIfExists\":{\"k:a\":\"x\"}}", TP_KV("k:a=x"), false),
	C("StringEqualsIgnoreCaseIfExists/absent", "{\"StringEqualsIgnoreCaseIfExists\":{\"k:a\":\"X\"}}", NONE, true),
	C("StringEqualsIgnoreCaseIfExists/miss", "{\"StringEqualsIgnoreCaseIfExists\":{\"k:a\":\"X\"}}", TP_KV("k:a=y"), false),
	C("StringNotEqualsIgnoreCaseIfExists/absent", "{\"StringNotEqualsIgnoreCaseIfExists\":{\"k:a\":\"X\"}}", NONE, true),
	C("StringNotEqualsIgnoreCaseIfExists/match", "{\"StringNotEqualsIgnoreCaseIfExists\":{\"k:a\":\"X\"}}", TP_KV("k:a=x"), false),
	C("StringLikeIfExists/absent", "{\"StringLikeIfExists\":{\"k:a\":\"x*\"}}", NONE, true),
	C("StringLikeIfExists/miss", "{\"StringLikeIfExists\":{\"k:a\":\"x*\"}}", TP_KV("k:a=y"), false),
	C("StringNotLikeIfExists/absent", "{\"StringNotLikeIfExists\":{\"k:a\":\"x*\"}}", NONE, true),
	C("StringNotLikeIfExists/match", "{\"StringNotLikeIfExists\":{\"k:a\":\"x*\"}}", TP_KV("k:a=xy"), false),
	/* policy variables in condition values */
	C("variable/equal", "{\"StringEquals\":{\"aws:ResourceTag/owner\":\"${aws:username}\"}}", TP_KV("aws:ResourceTag/owner=alice"), true),
	C("variable/other", "{\"StringEquals\":{\"aws:ResourceTag/owner\":\"${aws:username}\"}}", TP_KV("aws:ResourceTag/owner=bob"), false),
	C("variable/absent-equals", "{\"StringEquals\":{\"aws:ResourceTag/owner\":\"${aws:PrincipalTag/owner}\"}}", TP_KV("aws:ResourceTag/owner="), false),
	C("variable/absent-not-equals", "{\"StringNotEquals\":{\"aws:ResourceTag/owner\":\"${aws:PrincipalTag/owner}\"}}", TP_KV("aws:ResourceTag/owner=bob"), true),
	C("variable/absent-like", "{\"StringLike\":{\"aws:ResourceTag/owner\":\"*${aws:PrincipalTag/owner}\"}}", TP_KV("aws:ResourceTag/owner=bob"), false),
	C("variable/default", "{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team, 'company-wide'}\"}}", TP_KV("aws:ResourceTag/team=company-wide"), true),
	C("variable/in-like", "{\"StringLike\":{\"s3:prefix\":\"home/${aws:username}/*\"}}", TP_KV("s3:prefix=home/alice/notes"), true),
	C("variable/in-like-other", "{\"StringLike\":{\"s3:prefix\":\"home/${aws:username}/*\"}}", TP_KV("s3:prefix=home/bob/notes"), false),
	C("variable/principal-account", "{\"StringEquals\":{\"k:acct\":\"${aws:PrincipalAccount}\"}}", TP_KV("k:acct=111122223333"), true),
	C("variable/source-account", "{\"StringEquals\":{\"k:acct\":\"${aws:SourceAccount}\"}}", TP_KV("k:acct=444455556666", "aws:SourceAccount=444455556666"), true),
	C("variable/source-account-absent", "{\"StringEquals\":{\"k:acct\":\"${aws:SourceAccount}\"}}", TP_KV("k:acct=444455556666"), false),
};

static const struct cond_case sets[] = {
	C("ForAllValues/all", "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}", TP_KV("aws:TagKeys=a", "aws:TagKeys=b"), true),
	C("ForAllValues/one-outside", "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}", TP_KV("aws:TagKeys=a", "aws:TagKeys=c"), false),
	C("ForAllValues/absent", "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\"]}}", NONE, true),
	C("ForAllValues/no-values", "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\"]}}", TP_KV("aws:TagKeys"), true),
	C("ForAnyValue/one", "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}", TP_KV("aws:TagKeys=c", "aws:TagKeys=b"), true),
	C("ForAnyValue/none", "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}", TP_KV("aws:TagKeys=c", "aws:TagKeys=d"), false),
	C("ForAnyValue/absent", "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"a\"]}}", NONE, false),
	C("ForAnyValue/no-values", "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"a\"]}}", TP_KV("aws:TagKeys"), false),
	C("ForAllValues:StringNotEquals/none-listed", "{\"ForAllValues:StringNotEquals\":{\"aws:TagKeys\":[\"a\"]}}", TP_KV("aws:TagKeys=b", "aws:TagKeys=c"), true),
	C("ForAllValues:StringNotEquals/one-listed", "{\"ForAllValues:StringNotEquals\":{\"aws:TagKeys\":[\"a\"]}}", TP_KV("aws:TagKeys=a", "aws:TagKeys=b"), false),
	C("ForAllValues:StringNotEquals/absent", "{\"ForAllValues:StringNotEquals\":{\"aws:TagKeys\":[\"a\"]}}", NONE, true),
	C("ForAnyValue:StringNotEquals/one-unlisted", "{\"ForAnyValue:StringNotEquals\":{\"aws:TagKeys\":[\"a\"]}}", TP_KV("aws:TagKeys=a", "aws:TagKeys=b"), true),
	C("ForAnyValue:StringNotEquals/all-listed", "{\"ForAnyValue:StringNotEquals\":{\"aws:TagKeys\":[\"a\"]}}", TP_KV("aws:TagKeys=a"), false),
	C("ForAnyValue:StringNotEquals/absent", "{\"ForAnyValue:StringNotEquals\":{\"aws:TagKeys\":[\"a\"]}}", NONE, false),
	C("ForAllValues:StringLike/all", "{\"ForAllValues:StringLike\":{\"aws:TagKeys\":[\"key1*\"]}}", TP_KV("aws:TagKeys=key1:hr", "aws:TagKeys=key1:personnel"), true),
	C("ForAllValues:StringLike/one-outside", "{\"ForAllValues:StringLike\":{\"aws:TagKeys\":[\"key1*\"]}}", TP_KV("aws:TagKeys=key1:hr", "aws:TagKeys=key2:x"), false),
	C("ForAnyValue:StringEqualsIgnoreCase", "{\"ForAnyValue:StringEqualsIgnoreCase\":{\"aws:TagKeys\":\"ENV\"}}", TP_KV("aws:TagKeys=env"), true),
	C("ForAnyValue:StringLikeIfExists/absent", "{\"ForAnyValue:StringLikeIfExists\":{\"aws:TagKeys\":\"a*\"}}", NONE, true),
	C("ForAnyValue:StringLikeIfExists/miss", "{\"ForAnyValue:StringLikeIfExists\":{\"aws:TagKeys\":\"a*\"}}", TP_KV("aws:TagKeys=b"), false),
	C("ForAllValues:StringEqualsIfExists/absent", "{\"ForAllValues:StringEqualsIfExists\":{\"aws:TagKeys\":\"a\"}}", NONE, true),
	C("ForAnyValue:NumericGreaterThan/one", "{\"ForAnyValue:NumericGreaterThan\":{\"k:n\":5}}", TP_KV("k:n=1", "k:n=7"), true),
	C("ForAnyValue:NumericGreaterThan/none", "{\"ForAnyValue:NumericGreaterThan\":{\"k:n\":5}}", TP_KV("k:n=1", "k:n=2"), false),
	C("ForAllValues:IpAddress/all", "{\"ForAllValues:IpAddress\":{\"k:ips\":\"10.0.0.0/8\"}}", TP_KV("k:ips=10.1.1.1", "k:ips=10.2.2.2"), true),
	C("ForAllValues:IpAddress/one-outside", "{\"ForAllValues:IpAddress\":{\"k:ips\":\"10.0.0.0/8\"}}", TP_KV("k:ips=10.1.1.1", "k:ips=192.0.2.1"), false),
	C("ForAnyValue:ArnLike", "{\"ForAnyValue:ArnLike\":{\"k:arns\":\"arn:aws:s3:::phi-*\"}}", TP_KV("k:arns=arn:aws:s3:::x", "k:arns=arn:aws:s3:::phi-demo"), true),
	C("ForAnyValue:DateLessThan", "{\"ForAnyValue:DateLessThan\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=2021-01-01", "k:d=2019-01-01"), true),
	C("ForAllValues:Bool", "{\"ForAllValues:Bool\":{\"k:b\":\"true\"}}", TP_KV("k:b=true", "k:b=false"), false),
	/* operators AND, keys AND */
	C("and/operators", "{\"StringEquals\":{\"k:a\":\"x\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}", TP_KV("k:a=x", "aws:SecureTransport=false"), false),
	C("and/operators-all", "{\"StringEquals\":{\"k:a\":\"x\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}", TP_KV("k:a=x", "aws:SecureTransport=true"), true),
	C("and/keys", "{\"StringEquals\":{\"k:a\":\"x\",\"k:b\":\"y\"}}", TP_KV("k:a=x"), false),
	C("and/keys-all", "{\"StringEquals\":{\"k:a\":\"x\",\"k:b\":\"y\"}}", TP_KV("k:a=x", "k:b=y"), true),
};

static const struct cond_case numbers[] = {
	C("NumericEquals/match", "{\"NumericEquals\":{\"k:n\":\"10\"}}", TP_KV("k:n=10"), true),
	C("NumericEquals/decimal", "{\"NumericEquals\":{\"k:n\":\"10\"}}", TP_KV("k:n=10.0"), true),
	C("NumericEquals/miss", "{\"NumericEquals\":{\"k:n\":\"10\"}}", TP_KV("k:n=11"), false),
	C("NumericEquals/not-a-number", "{\"NumericEquals\":{\"k:n\":\"10\"}}", TP_KV("k:n=ten"), false),
	C("NumericEquals/absent", "{\"NumericEquals\":{\"k:n\":\"10\"}}", NONE, false),
	C("NumericEquals/json-number", "{\"NumericEquals\":{\"k:n\":10}}", TP_KV("k:n=10"), true),
	C("NumericNotEquals/other", "{\"NumericNotEquals\":{\"k:n\":\"10\"}}", TP_KV("k:n=11"), true),
	C("NumericNotEquals/equal", "{\"NumericNotEquals\":{\"k:n\":\"10\"}}", TP_KV("k:n=10"), false),
	C("NumericNotEquals/absent", "{\"NumericNotEquals\":{\"k:n\":\"10\"}}", NONE, true),
	C("NumericLessThan/less", "{\"NumericLessThan\":{\"k:n\":\"10\"}}", TP_KV("k:n=9"), true),
	C("NumericLessThan/equal", "{\"NumericLessThan\":{\"k:n\":\"10\"}}", TP_KV("k:n=10"), false),
	C("NumericLessThan/negative", "{\"NumericLessThan\":{\"k:n\":\"10\"}}", TP_KV("k:n=-1"), true),
	C("NumericLessThan/decimal", "{\"NumericLessThan\":{\"k:n\":\"1.5\"}}", TP_KV("k:n=1.25"), true),
	C("NumericLessThan/absent", "{\"NumericLessThan\":{\"k:n\":\"10\"}}", NONE, false),
	C("NumericLessThanEquals/equal", "{\"NumericLessThanEquals\":{\"k:n\":\"10\"}}", TP_KV("k:n=10"), true),
	C("NumericLessThanEquals/more", "{\"NumericLessThanEquals\":{\"k:n\":\"10\"}}", TP_KV("k:n=11"), false),
	C("NumericGreaterThan/more", "{\"NumericGreaterThan\":{\"k:n\":\"10\"}}", TP_KV("k:n=11"), true),
	C("NumericGreaterThan/equal", "{\"NumericGreaterThan\":{\"k:n\":\"10\"}}", TP_KV("k:n=10"), false),
	C("NumericGreaterThanEquals/equal", "{\"NumericGreaterThanEquals\":{\"k:n\":\"10\"}}", TP_KV("k:n=10"), true),
	C("NumericGreaterThanEquals/less", "{\"NumericGreaterThanEquals\":{\"k:n\":\"10\"}}", TP_KV("k:n=9"), false),
	C("NumericEqualsIfExists/absent", "{\"NumericEqualsIfExists\":{\"k:n\":\"10\"}}", NONE, true),
	C("NumericEqualsIfExists/miss", "{\"NumericEqualsIfExists\":{\"k:n\":\"10\"}}", TP_KV("k:n=9"), false),
	C("NumericNotEqualsIfExists/equal", "{\"NumericNotEqualsIfExists\":{\"k:n\":\"10\"}}", TP_KV("k:n=10"), false),
	C("NumericLessThanIfExists/absent", "{\"NumericLessThanIfExists\":{\"k:n\":\"10\"}}", NONE, true),
	C("NumericLessThanEqualsIfExists/absent", "{\"NumericLessThanEqualsIfExists\":{\"k:n\":\"10\"}}", NONE, true),
	C("NumericGreaterThanIfExists/absent", "{\"NumericGreaterThanIfExists\":{\"k:n\":\"10\"}}", NONE, true),
	C("NumericGreaterThanEqualsIfExists/less", "{\"NumericGreaterThanEqualsIfExists\":{\"k:n\":\"10\"}}", TP_KV("k:n=9"), false),
	C("NumericGreaterThan/values-or", "{\"NumericGreaterThan\":{\"k:n\":[\"100\",\"5\"]}}", TP_KV("k:n=7"), true),
};

static const struct cond_case dates[] = {
	C("DateEquals/same", "{\"DateEquals\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=2020-01-01T00:00:00Z"), true),
	C("DateEquals/epoch", "{\"DateEquals\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=1577836800"), true),
	C("DateEquals/offset", "{\"DateEquals\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=2020-01-01T01:00:00+01:00"), true),
	C("DateEquals/date-only", "{\"DateEquals\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=2020-01-01"), true),
	C("DateEquals/minutes", "{\"DateEquals\":{\"k:d\":\"2020-01-01T00:00Z\"}}", TP_KV("k:d=2020-01-01T00:00:00.000Z"), true),
	C("DateEquals/other", "{\"DateEquals\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=2020-01-01T00:00:01Z"), false),
	C("DateEquals/not-a-date", "{\"DateEquals\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=yesterday"), false),
	C("DateEquals/absent", "{\"DateEquals\":{\"k:d\":\"2020-01-01\"}}", NONE, false),
	C("DateNotEquals/other", "{\"DateNotEquals\":{\"k:d\":\"2020-01-01\"}}", TP_KV("k:d=2020-01-02"), true),
	C("DateNotEquals/same", "{\"DateNotEquals\":{\"k:d\":\"2020-01-01\"}}", TP_KV("k:d=2020-01-01T00:00:00Z"), false),
	C("DateNotEquals/absent", "{\"DateNotEquals\":{\"k:d\":\"2020-01-01\"}}", NONE, true),
	C("DateLessThan/before", "{\"DateLessThan\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=2019-12-31T23:59:59Z"), true),
	C("DateLessThan/equal", "{\"DateLessThan\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=2020-01-01T00:00:00Z"), false),
	C("DateLessThan/epoch-policy", "{\"DateLessThan\":{\"k:d\":\"1577836800\"}}", TP_KV("k:d=2019-12-31T00:00:00Z"), true),
	C("DateLessThan/leap-day", "{\"DateLessThan\":{\"k:d\":\"2020-03-01\"}}", TP_KV("k:d=2020-02-29T23:59:59Z"), true),
	C("DateLessThanEquals/equal", "{\"DateLessThanEquals\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=2020-01-01T00:00:00Z"), true),
	C("DateLessThanEquals/after", "{\"DateLessThanEquals\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=2020-01-01T00:00:01Z"), false),
	C("DateGreaterThan/after", "{\"DateGreaterThan\":{\"k:d\":\"2020-01-01T00:00:01Z\"}}", TP_KV("k:d=2020-06-01T00:00:00Z"), true),
	C("DateGreaterThan/before", "{\"DateGreaterThan\":{\"k:d\":\"2020-01-01T00:00:01Z\"}}", TP_KV("k:d=2019-06-01T00:00:00Z"), false),
	C("DateGreaterThan/fraction", "{\"DateGreaterThan\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", TP_KV("k:d=2020-01-01T00:00:00.5Z"), true),
	C("DateGreaterThan/absent", "{\"DateGreaterThan\":{\"k:d\":\"2020-01-01\"}}", NONE, false),
	C("DateGreaterThanEquals/equal", "{\"DateGreaterThanEquals\":{\"k:d\":\"2020-01-01\"}}", TP_KV("k:d=2020-01-01T00:00:00Z"), true),
	C("DateGreaterThanEquals/before", "{\"DateGreaterThanEquals\":{\"k:d\":\"2020-01-01\"}}", TP_KV("k:d=2019-12-31"), false),
	C("DateEqualsIfExists/absent", "{\"DateEqualsIfExists\":{\"k:d\":\"2020-01-01\"}}", NONE, true),
	C("DateNotEqualsIfExists/same", "{\"DateNotEqualsIfExists\":{\"k:d\":\"2020-01-01\"}}", TP_KV("k:d=2020-01-01"), false),
	C("DateLessThanIfExists/absent", "{\"DateLessThanIfExists\":{\"k:d\":\"2020-01-01\"}}", NONE, true),
	C("DateLessThanEqualsIfExists/after", "{\"DateLessThanEqualsIfExists\":{\"k:d\":\"2020-01-01\"}}", TP_KV("k:d=2021-01-01"), false),
	C("DateGreaterThanIfExists/absent", "{\"DateGreaterThanIfExists\":{\"k:d\":\"2020-01-01\"}}", NONE, true),
	C("DateGreaterThanEqualsIfExists/before", "{\"DateGreaterThanEqualsIfExists\":{\"k:d\":\"2020-01-01\"}}", TP_KV("k:d=2019-01-01"), false),
};

static const struct cond_case others[] = {
	C("Bool/true", "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", TP_KV("aws:SecureTransport=true"), true),
	C("Bool/any-case", "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", TP_KV("aws:SecureTransport=True"), true),
	C("Bool/false", "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", TP_KV("aws:SecureTransport=false"), false),
	C("Bool/not-a-bool", "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", TP_KV("aws:SecureTransport=yes"), false),
	C("Bool/absent", "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", NONE, false),
	C("Bool/json-false", "{\"Bool\":{\"aws:SecureTransport\":false}}", TP_KV("aws:SecureTransport=false"), true),
	C("Bool/variable", "{\"Bool\":{\"aws:SecureTransport\":\"${k:want}\"}}", TP_KV("aws:SecureTransport=true", "k:want=true"), true),
	C("Bool/variable-absent", "{\"Bool\":{\"aws:SecureTransport\":\"${k:want}\"}}", TP_KV("aws:SecureTransport=true"), false),
	C("BoolIfExists/absent", "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}", NONE, true),
	C("BoolIfExists/true", "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}", TP_KV("aws:MultiFactorAuthPresent=true"), false),
	C("BinaryEquals/same", "{\"BinaryEquals\":{\"k:b\":\"QmluYXJ5VmFsdWVJbkJhc2U2NA==\"}}", TP_KV("k:b=QmluYXJ5VmFsdWVJbkJhc2U2NA=="), true),
	C("BinaryEquals/unpadded", "{\"BinaryEquals\":{\"k:b\":\"QmluYXJ5VmFsdWVJbkJhc2U2NA==\"}}", TP_KV("k:b=QmluYXJ5VmFsdWVJbkJhc2U2NA"), true),
	C("BinaryEquals/other", "{\"BinaryEquals\":{\"k:b\":\"QmluYXJ5VmFsdWVJbkJhc2U2NA==\"}}", TP_KV("k:b=QQ=="), false),
	C("BinaryEquals/prefix", "{\"BinaryEquals\":{\"k:b\":\"QUJD\"}}", TP_KV("k:b=QUI="), false),
	C("BinaryEquals/not-base64", "{\"BinaryEquals\":{\"k:b\":\"QUJD\"}}", TP_KV("k:b=ABC!"), false),
	C("BinaryEquals/absent", "{\"BinaryEquals\":{\"k:b\":\"QUJD\"}}", NONE, false),
	C("BinaryEqualsIfExists/absent", "{\"BinaryEqualsIfExists\":{\"k:b\":\"QUJD\"}}", NONE, true),
	C("BinaryEqualsIfExists/other", "{\"BinaryEqualsIfExists\":{\"k:b\":\"QUJD\"}}", TP_KV("k:b=QQ=="), false),
	C("IpAddress/inside", "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", TP_KV("aws:SourceIp=203.0.113.7"), true),
	C("IpAddress/outside", "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", TP_KV("aws:SourceIp=203.0.114.1"), false),
	C("IpAddress/absent", "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", NONE, false),
	C("IpAddress/not-an-ip", "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", TP_KV("aws:SourceIp=x"), false),
	C("IpAddress/single", "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.5\"}}", TP_KV("aws:SourceIp=203.0.113.5"), true),
	C("IpAddress/single-other", "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.5\"}}", TP_KV("aws:SourceIp=203.0.113.6"), false),
	C("IpAddress/odd-prefix-in", "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/25\"}}", TP_KV("aws:SourceIp=10.0.0.127"), true),
	C("IpAddress/odd-prefix-out", "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/25\"}}", TP_KV("aws:SourceIp=10.0.0.128"), false),
	C("IpAddress/zero-prefix", "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}", TP_KV("aws:SourceIp=192.0.2.1"), true),
	C("IpAddress/v6-inside", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:DB8:1234:5678::/64\"}}", TP_KV("aws:SourceIp=2001:db8:1234:5678::1"), true),
	C("IpAddress/v6-outside", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:DB8:1234:5678::/64\"}}", TP_KV("aws:SourceIp=2001:db8:1234:5679::1"), false),
	C("IpAddress/v6-odd-prefix", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/33\"}}", TP_KV("aws:SourceIp=2001:db8:7fff::1"), true),
	C("IpAddress/v6-odd-prefix-out", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/33\"}}", TP_KV("aws:SourceIp=2001:db8:8000::1"), false),
	C("IpAddress/v4-vs-v6", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:DB8:1234:5678::/64\"}}", TP_KV("aws:SourceIp=203.0.113.7"), false),
	C("IpAddress/v4-mapped", "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", TP_KV("aws:SourceIp=::ffff:203.0.113.7"), true),
	C("IpAddress/mixed-values", "{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"2001:DB8:1234:5678::/64\"]}}", TP_KV("aws:SourceIp=2001:db8:1234:5678:ffff::1"), true),
	C("NotIpAddress/outside", "{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", TP_KV("aws:SourceIp=198.51.100.1"), true),
	C("NotIpAddress/inside", "{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", TP_KV("aws:SourceIp=203.0.113.9"), false),
	C("NotIpAddress/absent", "{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", NONE, true),
	C("NotIpAddress/v6-inside", "{\"NotIpAddress\":{\"aws:SourceIp\":\"2001:DB8::/32\"}}", TP_KV("aws:SourceIp=2001:db8::5"), false),
	C("IpAddressIfExists/absent", "{\"IpAddressIfExists\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", NONE, true),
	C("IpAddressIfExists/outside", "{\"IpAddressIfExists\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", TP_KV("aws:SourceIp=192.0.2.1"), false),
	C("NotIpAddressIfExists/inside", "{\"NotIpAddressIfExists\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", TP_KV("aws:SourceIp=203.0.113.1"), false),
	C("ArnEquals/same", "{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:topic\"}}", TP_KV("aws:SourceArn=arn:aws:sns:us-east-1:123456789012:topic"), true),
	C("ArnEquals/other", "{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:topic\"}}", TP_KV("aws:SourceArn=arn:aws:sns:us-east-1:123456789012:other"), false),
	C("ArnEquals/wildcards", "{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:*:123456789012:*\"}}", TP_KV("aws:SourceArn=arn:aws:sns:eu-west-1:123456789012:t"), true),
	C("ArnEquals/case", "{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:s3:::Phi\"}}", TP_KV("aws:SourceArn=arn:aws:s3:::phi"), false),
	C("ArnEquals/absent", "{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:s3:::phi\"}}", NONE, false),
	C("ArnLike/match", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:s3:::phi-*\"}}", TP_KV("aws:SourceArn=arn:aws:s3:::phi-demo"), true),
	C("ArnLike/miss", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:s3:::phi-*\"}}", TP_KV("aws:SourceArn=arn:aws:s3:::other"), false),
	C("ArnLike/not-an-arn", "{\"ArnLike\":{\"aws:SourceArn\":\"*\"}}", TP_KV("aws:SourceArn=phi-demo"), false),
	C("ArnLike/segments", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:lambda:*:function:f\"}}", TP_KV("aws:SourceArn=arn:aws:lambda:us-east-1:123456789012:function:f"), false),
	C("ArnLike/variable", "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::${aws:PrincipalAccount}:user/*\"}}", TP_KV("k:x=1"), true),
	C("ArnLike/absent", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:*\"}}", NONE, false),
	C("ArnNotEquals/same", "{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:s3:::phi\"}}", TP_KV("aws:SourceArn=arn:aws:s3:::phi"), false),
	C("ArnNotEquals/other", "{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:s3:::phi\"}}", TP_KV("aws:SourceArn=arn:aws:s3:::x"), true),
	C("ArnNotEquals/absent", "{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:s3:::phi\"}}", NONE, true),
	C("ArnNotLike/match", "{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:s3:::phi-*\"}}", TP_KV("aws:SourceArn=arn:aws:s3:::phi-x"), false),
	C("ArnNotLike/other", "{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:s3:::phi-*\"}}", TP_KV("aws:SourceArn=arn:aws:s3:::x"), true),
	C("ArnNotLike/absent", "{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:s3:::phi-*\"}}", NONE, true),
	C("ArnEqualsIfExists/absent", "{\"ArnEqualsIfExists\":{\"aws:SourceArn\":\"arn:aws:s3:::phi\"}}", NONE, true),
	C("ArnLikeIfExists/miss", "{\"ArnLikeIfExists\":{\"aws:SourceArn\":\"arn:aws:s3:::phi\"}}", TP_KV("aws:SourceArn=arn:aws:s3:::x"), false),
	C("ArnNotEqualsIfExists/same", "{\"ArnNotEqualsIfExists\":{\"aws:SourceArn\":\"arn:aws:s3:::phi\"}}", TP_KV("aws:SourceArn=arn:aws:s3:::phi"), false),
	C("ArnNotLikeIfExists/absent", "{\"ArnNotLikeIfExists\":{\"aws:SourceArn\":\"arn:aws:s3:::phi\"}}", NONE, true),
	C("Null-true/absent", "{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}", NONE, true),
	C("Null-true/present", "{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}", TP_KV("aws:TokenIssueTime=2020-01-01T00:00:00Z"), false),
	C("Null-true/no-values", "{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}", TP_KV("aws:TokenIssueTime"), true),
	C("Null-false/present", "{\"Null\":{\"aws:TokenIssueTime\":\"false\"}}", TP_KV("aws:TokenIssueTime=2020-01-01T00:00:00Z"), true),
	C("Null-false/absent", "{\"Null\":{\"aws:TokenIssueTime\":false}}", NONE, false),
	C("Null/any-case", "{\"Null\":{\"aws:TokenIssueTime\":\"TRUE\"}}", NONE, true),
};

/* Tell whether cond holds, through a whole policy evaluation. */
static bool
holds(const char *cond, const char *const *ctx, const char *version)
{
	char *json = hs_xasprintf("{\"Version\":\"%s\",\"Statement\":{\"Effect\":"
	    "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
	    "\"Condition\":%s}}", version, cond);
	struct policy *p = tp_parse(json, POLICY_IDENTITY);
	struct tp_request req = { "arn:aws:iam::111122223333:user/alice",
	    "s3:GetObject", "arn:aws:s3:::phi-demo/x", NULL, ctx };
	bool ok = p != NULL && tp_decide(p, NULL, &req, NULL) == POLICY_ALLOW;

	policy_free(p);
	free(json);
	return ok;
}

static void
run_table(const struct cond_case *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		bool got = holds(t[i].cond, t[i].ctx, "2012-10-17");

		if (got != t[i].want)
			printf("# %s: expected %s\n", t[i].name,
			    t[i].want ? "true" : "false");
		CU_ASSERT_EQUAL(got, t[i].want);
	}
}

static void test_strings(void) { run_table(strings, HS_ARRAY_SIZE(strings)); }
static void test_sets(void) { run_table(sets, HS_ARRAY_SIZE(sets)); }
static void test_numbers(void) { run_table(numbers, HS_ARRAY_SIZE(numbers)); }
static void test_dates(void) { run_table(dates, HS_ARRAY_SIZE(dates)); }
static void test_others(void) { run_table(others, HS_ARRAY_SIZE(others)); }

/* Version 2008-10-17 has no policy variables: ${...} is text. */
static void
test_version_2008(void)
{
	static const char cond[] = "{\"StringEquals\":{\"k:a\":"
	    "\"${aws:username}\"}}";

	CU_ASSERT_TRUE(holds(cond, TP_KV("k:a=${aws:username}"), "2008-10-17"));
	CU_ASSERT_FALSE(holds(cond, TP_KV("k:a=alice"), "2008-10-17"));
	CU_ASSERT_TRUE(holds(cond, TP_KV("k:a=alice"), "2012-10-17"));
}

/* Every operator, with every qualifier it takes, is known. */
static void
test_operator_names(void)
{
	static const char *const bases[] = { "StringEquals", "StringNotEquals",
		"StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
		"StringLike", "StringNotLike", "NumericEquals",
		"NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
		"NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
		"DateNotEquals", "DateLessThan", "DateLessThanEquals",
		"DateGreaterThan", "DateGreaterThanEquals", "Bool",
		"BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals",
		"ArnLike", "ArnNotEquals", "ArnNotLike" };
	static const char *const prefixes[] = { "", "ForAllValues:",
		"ForAnyValue:" };
	const struct pol_op *op;
	enum pol_set set;
	bool ifx;
	size_t i, j, k;

	for (i = 0; i < HS_ARRAY_SIZE(bases); i++)
		for (j = 0; j < HS_ARRAY_SIZE(prefixes); j++)
			for (k = 0; k < 2; k++) {
				char *name = hs_xasprintf("%s%s%s", prefixes[j],
				    bases[i], k ? "IfExists" : "");

				CU_ASSERT_EQUAL(pol_cond_parse_op(name, &op, &set,
				    &ifx), 0);
				CU_ASSERT_EQUAL(ifx, k == 1);
				CU_ASSERT_EQUAL(set, (enum pol_set)j);
				HS_ASSERT_STR_EQ(op->name, bases[i]);
				free(name);
			}
	CU_ASSERT_EQUAL(pol_cond_parse_op("Null", &op, &set, &ifx), 0);
	CU_ASSERT_EQUAL(pol_cond_parse_op("NullIfExists", &op, &set, &ifx), -1);
	CU_ASSERT_EQUAL(pol_cond_parse_op("ForAnyValue:Null", &op, &set, &ifx),
	    -1);
	CU_ASSERT_EQUAL(pol_cond_parse_op("stringequals", &op, &set, &ifx), -1);
	CU_ASSERT_EQUAL(pol_cond_parse_op("IfExists", &op, &set, &ifx), -1);
	HS_ASSERT_STR_EQ(pol_op_suggest("StringEquls"), "StringEquals");
	CU_ASSERT_PTR_NULL(pol_op_suggest("Frobnicate"));
}

const struct pol_op *pol_ops_table(size_t *n);

/* The operator table is sorted, for bsearch. */
static void
test_operator_table_sorted(void)
{
	size_t n, i;
	const struct pol_op *ops = pol_ops_table(&n);

	CU_ASSERT_EQUAL(n, 27);
	for (i = 1; i < n; i++)
		CU_ASSERT_TRUE(strcmp(ops[i - 1].name, ops[i].name) < 0);
}

/* Typed values: the corners of the parsers. */
static void
test_values(void)
{
	int64_t t;
	double d;
	struct pol_ip ip;
	unsigned char *b;
	size_t n;

	CU_ASSERT_EQUAL(pol_parse_date("1970-01-01T00:00:00Z", &t), 0);
	CU_ASSERT_EQUAL(t, 0);
	CU_ASSERT_EQUAL(pol_parse_date("2000-02-29T12:00:00Z", &t), 0);
	CU_ASSERT_EQUAL(t, (int64_t)951825600 * 1000000);
	CU_ASSERT_EQUAL(pol_parse_date("2020-01-01T00:00:00-05:30", &t), 0);
	CU_ASSERT_EQUAL(t, (int64_t)(1577836800 + 19800) * 1000000);
	CU_ASSERT_EQUAL(pol_parse_date("2020-01-01T00:00:00+0100", &t), 0);
	CU_ASSERT_EQUAL(t, (int64_t)(1577836800 - 3600) * 1000000);
	CU_ASSERT_EQUAL(pol_parse_date("2020-01", &t), 0);
	CU_ASSERT_EQUAL(pol_parse_date("1577836800.25", &t), 0);
	CU_ASSERT_EQUAL(t, (int64_t)1577836800 * 1000000 + 250000);
	CU_ASSERT_EQUAL(pol_parse_date("2020-13-01", &t), -1);
	CU_ASSERT_EQUAL(pol_parse_date("2020-01-01T25:00Z", &t), -1);
	CU_ASSERT_EQUAL(pol_parse_date("2020-01-01T10:00:00Q", &t), -1);
	CU_ASSERT_EQUAL(pol_parse_date("", &t), -1);
	CU_ASSERT_EQUAL(pol_parse_number("1e3", &d), 0);
	CU_ASSERT_EQUAL(pol_parse_number(" 1", &d), -1);
	CU_ASSERT_EQUAL(pol_parse_number("0x10", &d), -1);
	CU_ASSERT_EQUAL(pol_parse_number("nan", &d), -1);
	CU_ASSERT_EQUAL(pol_parse_number("inf", &d), -1);
	CU_ASSERT_EQUAL(pol_parse_number("", &d), -1);
	CU_ASSERT_EQUAL(pol_parse_ip("10.0.0.1/8", &ip, false), -1);
	CU_ASSERT_EQUAL(pol_parse_ip("10.0.0.0/", &ip, true), -1);
	CU_ASSERT_EQUAL(pol_parse_ip("::/129", &ip, true), -1);
	CU_ASSERT_EQUAL(pol_parse_ip("::/0", &ip, true), 0);
	CU_ASSERT_EQUAL(pol_base64_decode("QUJD", &b, &n), 0);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(memcmp(b, "ABC", 3), 0);
	free(b);
	CU_ASSERT_EQUAL(pol_base64_decode("QQ===", &b, &n), -1);
	CU_ASSERT_EQUAL(pol_base64_decode("Q", &b, &n), -1);
	CU_ASSERT_EQUAL(pol_base64_decode("", &b, &n), 0);
	CU_ASSERT_EQUAL(n, 0);
	free(b);
}

static const struct hs_unit_case cond_tests[] = {
	{ "strings", test_strings },
	{ "sets-and-logic", test_sets },
	{ "numbers", test_numbers },
	{ "dates", test_dates },
	{ "bool-binary-ip-arn-null", test_others },
	{ "version-2008", test_version_2008 },
	{ "operator-names", test_operator_names },
	{ "operator-table-sorted", test_operator_table_sorted },
	{ "values", test_values },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("policy-cond", cond_tests, HS_ARRAY_SIZE(cond_tests));
}
