/*
 * retry-policy.c: how many attempts, how long between them, and the retry
 * quota, as botocore computes them.
 *
 * Standard (retries/standard.py, quota.py): 3 attempts; before attempt
 * n + 1 wait rand * min(2^(n-1), 20) seconds ("full jitter"); a quota of
 * 500 tokens per client, a retry costs 5 (10 after a timeout), a success
 * gives back what its retry took, or 1 if it needed none. Legacy
 * (retryhandler.py, _retry.json): 5 attempts and rand * 2^(n-1) with no
 * cap and no quota; DynamoDB 10 attempts and 0.05 * 2^(n-1).
 */
#include "hs-common.h"
#include "http.h"

/* Tell whether service is DynamoDB, which legacy mode treats apart. */
static bool
is_dynamodb(const char *service)
{
	return service != NULL && strcmp(service, "dynamodb") == 0;
}

/* The attempts a config allows for a service. */
int
aws_retry_max_attempts(const struct aws_retry_config *rc, const char *service)
{
	if (rc->max_attempts > 0)
		return rc->max_attempts;
	if (rc->mode == AWS_RETRY_LEGACY)
		return is_dynamodb(service) ? 10 : AWS_RETRY_LEGACY_MAX_ATTEMPTS;
	return AWS_RETRY_STANDARD_MAX_ATTEMPTS;
}

/* Seconds to wait before attempt + 1, after attempt failed. */
double
aws_retry_backoff(const struct aws_retry_config *rc, const char *service,
    enum aws_retry_kind kind, int attempt, double rnd)
{
	double growth = 1;
	int i;

	for (i = 1; i < attempt && growth < 1e9; i++)
		growth *= 2;	/* 2^(attempt-1), kept finite */

	if (kind == AWS_RETRY_CLOCK_SKEW)
		return 0;
	if (rc->mode == AWS_RETRY_LEGACY)
		return is_dynamodb(service) ? 0.05 * growth : rnd * growth;
	return rnd * (growth < AWS_RETRY_MAX_BACKOFF ? growth :
	    AWS_RETRY_MAX_BACKOFF);
}

/* Start a full quota. */
void
aws_retry_quota_init(struct aws_retry_quota *q, int capacity)
{
	q->available = q->max = capacity;
}

/* Take amount tokens, or none when too few are left. */
bool
aws_retry_quota_acquire(struct aws_retry_quota *q, int amount)
{
	if (amount > q->available)
		return false;
	q->available -= amount;
	return true;
}

/* Give tokens back, never above the initial capacity. */
void
aws_retry_quota_release(struct aws_retry_quota *q, int amount)
{
	q->available += amount;
	if (q->available > q->max)
		q->available = q->max;
}
