#!/bin/sh
# t0610-sandbox-logs: CloudWatch Logs against hipaa-sandbox with the AWS
# CLI: log groups (KMS key, retention, prefixes, pages), streams, events
# put and read back both ways, FilterLogEvents with terms, quoted
# phrases, ?alternatives, -exclusions, time ranges, stream names and
# pagination, and Logs' errors.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws
require_program python3

start_sandbox
now=$(($(date +%s) * 1000))
export now

test_expect_success 'create-log-group with a KMS key; describe-log-groups shows it with its ARNs' '
	sbx_aws logs create-log-group --log-group-name /phi/app \
	    --kms-key-id arn:aws:kms:us-east-1:000000000000:key/1234abcd &&
	sbx_aws logs describe-log-groups --log-group-name-prefix /phi --output json >out &&
	test_grep "\"logGroupName\": \"/phi/app\"" out &&
	test_grep "\"arn\": \"arn:aws:logs:us-east-1:000000000000:log-group:/phi/app:\*\"" out &&
	test_grep "\"logGroupArn\": \"arn:aws:logs:us-east-1:000000000000:log-group:/phi/app\"" out &&
	test_grep "\"kmsKeyId\": \"arn:aws:kms:us-east-1:000000000000:key/1234abcd\"" out &&
	test_grep "\"creationTime\": 1[0-9]\{12\}," out &&
	test_grep_not retentionInDays out
'

test_expect_success 'the errors of create-log-group' '
	! sbx_aws logs create-log-group --log-group-name /phi/app 2>err &&
	test_grep "An error occurred (ResourceAlreadyExistsException) when calling the CreateLogGroup operation: The specified log group already exists" err &&
	! sbx_aws logs create-log-group --log-group-name "bad name" 2>err &&
	test_grep "(InvalidParameterException)" err &&
	! sbx_aws logs create-log-group --log-group-name /x --kms-key-id 1234 2>err &&
	test_grep "(InvalidParameterException)" err
'

test_expect_success 'put-retention-policy takes the periods Logs allows' '
	sbx_aws logs put-retention-policy --log-group-name /phi/app --retention-in-days 90 &&
	sbx_aws logs describe-log-groups --log-group-name-prefix /phi/app \
	    --query "logGroups[0].retentionInDays" >out && test_grep "^90$" out &&
	! sbx_aws logs put-retention-policy --log-group-name /phi/app --retention-in-days 2 2>err &&
	test_grep "(InvalidParameterException)" err &&
	test_grep "retentionInDays" err &&
	! sbx_aws logs put-retention-policy --log-group-name /none --retention-in-days 1 2>err &&
	test_grep "The specified log group does not exist." err
'

test_expect_success 'describe-log-groups pages through many groups' '
	for i in 01 02 03 04 05 06 07; do
		sbx_aws logs create-log-group --log-group-name "/many/g$i" || return 1
	done &&
	sbx_aws logs describe-log-groups --log-group-name-prefix /many/ --limit 3 \
	    --output json >page &&
	test_grep "\"nextToken\"" page &&
	sbx_aws logs describe-log-groups --log-group-name-prefix /many/ \
	    --page-size 3 --query "logGroups[].logGroupName" --output text >all &&
	test "$(wc -w <all)" = 7
'

test_expect_success 'create-log-stream, put-log-events and get-log-events' '
	sbx_aws logs create-log-stream --log-group-name /phi/app --log-stream-name web-1 &&
	! sbx_aws logs create-log-stream --log-group-name /phi/app --log-stream-name web-1 2>err &&
	test_grep "(ResourceAlreadyExistsException)" err &&
	sbx_aws logs put-log-events --log-group-name /phi/app --log-stream-name web-1 \
	    --log-events "timestamp=$now,message=START one" \
	    "timestamp=$((now + 1)),message=ERROR disk full" \
	    "timestamp=$((now + 2)),message=WARN slow request" \
	    "timestamp=$((now + 3)),message=ERROR Retry scheduled" \
	    "timestamp=$((now + 4)),message=Task timed out after 3.00 seconds" \
	    --output json >out &&
	test_grep "\"nextSequenceToken\"" out &&
	sbx_aws logs get-log-events --log-group-name /phi/app --log-stream-name web-1 \
	    --start-from-head --output json >events &&
	test_grep "\"message\": \"START one\"" events &&
	test_grep "\"nextForwardToken\": \"f/[0-9]\{56\}\"" events &&
	test_grep "\"nextBackwardToken\": \"b/[0-9]\{56\}\"" events &&
	sbx_aws logs get-log-events --log-group-name /phi/app --log-stream-name web-1 \
	    --limit 2 --query "events[].message" --output text >tail &&
	test_grep "ERROR Retry scheduled.*Task timed out" tail
'

test_expect_success 'get-log-events tokens move forward and backward' '
	sbx_aws logs get-log-events --log-group-name /phi/app --log-stream-name web-1 \
	    --start-from-head --limit 2 --output json >p1 &&
	fwd=$(python3 -c "import json; print(json.load(open(\"p1\"))[\"nextForwardToken\"])") &&
	sbx_aws logs get-log-events --log-group-name /phi/app --log-stream-name web-1 \
	    --next-token "$fwd" --limit 2 --query "events[].message" --output text >p2 &&
	test_grep "WARN slow request" p2 && test_grep_not "START one" p2 &&
	sbx_aws logs get-log-events --log-group-name /phi/app --log-stream-name web-1 \
	    --next-token "$fwd" --limit 2 --output json >p2.json &&
	back=$(python3 -c "import json; print(json.load(open(\"p2.json\"))[\"nextBackwardToken\"])") &&
	sbx_aws logs get-log-events --log-group-name /phi/app --log-stream-name web-1 \
	    --next-token "$back" --limit 2 --query "events[].message" --output text >p0 &&
	test_grep "START one" p0
'

test_expect_success 'put-log-events: order, unknown stream, too old and too new events' '
	! sbx_aws logs put-log-events --log-group-name /phi/app --log-stream-name web-1 \
	    --log-events "timestamp=$((now + 9)),message=b" "timestamp=$now,message=a" 2>err &&
	test_grep "Log events in a single PutLogEvents request must be in chronological order." err &&
	! sbx_aws logs put-log-events --log-group-name /phi/app --log-stream-name nope \
	    --log-events "timestamp=$now,message=a" 2>err &&
	test_grep "(ResourceNotFoundException) when calling the PutLogEvents operation: The specified log stream does not exist." err &&
	sbx_aws logs create-log-stream --log-group-name /phi/app --log-stream-name odd &&
	sbx_aws logs put-log-events --log-group-name /phi/app --log-stream-name odd \
	    --log-events "timestamp=$((now - 20 * 86400000)),message=old" \
	    "timestamp=$((now - 20 * 86400000 + 1)),message=old2" \
	    --output json >out &&
	test_grep "\"tooOldLogEventEndIndex\": 1" out &&
	sbx_aws logs put-log-events --log-group-name /phi/app --log-stream-name odd \
	    --log-events "timestamp=$now,message=ok" "timestamp=$((now + 3 * 3600000)),message=new" \
	    --output json >out &&
	test_grep "\"tooNewLogEventStartIndex\": 1" out &&
	sbx_aws logs get-log-events --log-group-name /phi/app --log-stream-name odd \
	    --query "events[].message" --output text >got &&
	test "$(cat got)" = ok
'

test_expect_success 'describe-log-streams by name and by last event time' '
	sbx_aws logs describe-log-streams --log-group-name /phi/app --output json >out &&
	test_grep "\"logStreamName\": \"odd\"" out &&
	test_grep "\"arn\": \"arn:aws:logs:us-east-1:000000000000:log-group:/phi/app:log-stream:web-1\"" out &&
	test_grep "\"lastEventTimestamp\": $((now + 4))" out &&
	! sbx_aws logs describe-log-streams --log-group-name /phi/app --order-by LastEventTime \
	    --log-stream-name-prefix w 2>err &&
	test_grep "(InvalidParameterException)" err
'

for cli in $(sandbox_clis); do
	export cli
	test_expect_success "$cli: filter-log-events with a term" '
		$cli --endpoint-url "$SANDBOX_URL" logs filter-log-events \
		    --log-group-name /phi/app --filter-pattern ERROR \
		    --query "events[].message" --output text >out &&
		test_grep "ERROR disk full" out && test_grep "ERROR Retry" out &&
		test_grep_not WARN out
	'
done

test_expect_success 'filter-log-events: quoted phrase, ?alternatives, -exclusion' '
	sbx_aws logs filter-log-events --log-group-name /phi/app \
	    --filter-pattern "\"Task timed out\"" --query "events[].message" --output text >out &&
	test "$(cat out)" = "Task timed out after 3.00 seconds" &&
	sbx_aws logs filter-log-events --log-group-name /phi/app \
	    --filter-pattern "?WARN ?START" --query "events[].message" --output text >out &&
	test_grep "START one" out && test_grep "WARN slow" out && test_grep_not ERROR out &&
	sbx_aws logs filter-log-events --log-group-name /phi/app \
	    --filter-pattern "ERROR -Retry" --query "events[].message" --output text >out &&
	test "$(cat out)" = "ERROR disk full"
'

test_expect_success 'filter-log-events: time range, stream names, events carry their stream and ID' '
	sbx_aws logs filter-log-events --log-group-name /phi/app \
	    --start-time $((now + 1)) --end-time $((now + 3)) \
	    --query "events[].message" --output text >out &&
	test_grep "ERROR disk full" out && test_grep "WARN slow" out &&
	test_grep_not "START one" out && test_grep_not "Retry" out &&
	sbx_aws logs filter-log-events --log-group-name /phi/app --log-stream-names odd \
	    --output json >out &&
	test_grep "\"logStreamName\": \"odd\"" out &&
	test_grep "\"eventId\": \"[0-9]\{56\}\"" out &&
	test_grep_not web-1 out
'

test_expect_success 'filter-log-events pages with nextToken (the CLI follows it)' '
	sbx_aws logs filter-log-events --log-group-name /phi/app --limit 2 \
	    --output json >page &&
	test_grep "\"nextToken\": \"[0-9]\{56\}\"" page &&
	sbx_aws logs filter-log-events --log-group-name /phi/app --page-size 2 \
	    --query "events[].message" --output text >all &&
	test_grep "START one" all && test_grep "Task timed out" all && test_grep "ok" all
'

test_expect_success 'patterns the sandbox does not read are refused, not half-matched' '
	! sbx_aws logs filter-log-events --log-group-name /phi/app \
	    --filter-pattern "{ \$.level = \"ERROR\" }" 2>err &&
	test_grep "(InvalidParameterException)" err &&
	! sbx_aws logs filter-log-events --log-group-name /none 2>err &&
	test_grep "The specified log group does not exist." err
'

test_expect_success 'delete-log-group removes its streams and events' '
	sbx_aws logs delete-log-group --log-group-name /phi/app &&
	! sbx_aws logs delete-log-group --log-group-name /phi/app 2>err &&
	test_grep "(ResourceNotFoundException)" err &&
	sbx_aws logs create-log-group --log-group-name /phi/app &&
	sbx_aws logs filter-log-events --log-group-name /phi/app \
	    --query "length(events)" >out && test_grep "^0$" out
'
stop_sandbox
test_done
