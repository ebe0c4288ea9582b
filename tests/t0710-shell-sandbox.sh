#!/bin/sh
# t0710-shell-sandbox: hipaa-shell --sandbox: a sandbox in the shell's own
# process, its data folder (default under XDG_DATA_HOME, 0700, kept
# between sessions, locked while in use), every command pointed at it
# with its credentials and never at the user's profiles or keys, the
# [sandbox] prompt, the options it refuses, the environment of host
# commands, and the sandbox stopped however the session ends (the last
# command, a failing runbook, Ctrl-D, SIGTERM): its port no longer
# accepts connections and its folder is unlocked.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
require_program python3

cd "$TEST_TMP" || exit 99
default_data=$XDG_DATA_HOME/hipaa-shell/sandbox

# port_closed URL: nothing accepts connections at URL's host and port.
port_closed() {
	python3 - "$1" <<-'EOF'
	import socket, sys, urllib.parse
	u = urllib.parse.urlsplit(sys.argv[1])
	s = socket.socket()
	s.settimeout(2)
	try:
	    s.connect((u.hostname, u.port))
	except OSError:
	    sys.exit(0)
	print("still accepting connections:", sys.argv[1])
	sys.exit(1)
	EOF
}

# A command that records the sandbox's URL in file url.
save_url='!echo "$HIPAA_SANDBOX_URL" >url'

test_expect_success 'the sandbox answers every service with its credentials' '
	"$HS_SHELL" --sandbox -c "sts get-caller-identity
iam list-roles
s3api list-buckets
.region
.profile" >out &&
	test_grep -q "\"Arn\": \"arn:aws:iam::000000000000:root\"" out &&
	test_grep -q "\"Roles\": \[\]" out &&
	test_grep -q "\"Buckets\": \[\]" out &&
	test_grep -q "^us-east-1$" out &&
	test_grep -q "^default$" out
'

test_expect_success 'the data folder is $XDG_DATA_HOME/hipaa-shell/sandbox, mode 0700' '
	test -d "$default_data" &&
	test "$(stat -c %a "$default_data")" = 700 &&
	test -f "$default_data/sandbox.db"
'

test_expect_success 'without XDG_DATA_HOME it is ~/.local/share/hipaa-shell/sandbox' '
	(unset XDG_DATA_HOME; HOME=$TEST_TMP/home2 &&
	 "$HS_SHELL" --sandbox -c "$save_url") &&
	test "$(cat url)" != "" &&
	test "$(stat -c %a home2/.local/share/hipaa-shell/sandbox)" = 700
'

test_expect_success 'the data outlives the session' '
	"$HS_SHELL" --sandbox -c "s3api create-bucket --bucket kept-bucket" &&
	"$HS_SHELL" --sandbox -c "s3api list-buckets" >out &&
	test_grep -q "\"Name\": \"kept-bucket\"" out &&
	"$HS_SHELL" --sandbox --sandbox-data other -c "s3api list-buckets" >out &&
	test_grep_not -q kept-bucket out
'

test_expect_success '--sandbox-data DIR: a relative folder stays put after .cd' '
	mkdir -p elsewhere &&
	"$HS_SHELL" --sandbox --sandbox-data rel/data -c ".cd elsewhere
s3api create-bucket --bucket rel-bucket
!echo \"\$HIPAA_SANDBOX_DATA\" >../data-path" &&
	test "$(cat data-path)" = "$TEST_TMP/rel/data" &&
	test "$(stat -c %a rel/data)" = 700 &&
	test ! -e elsewhere/rel &&
	"$HS_SHELL" --sandbox --sandbox-data "$TEST_TMP/rel/data" \
	    -c "s3api head-bucket --bucket rel-bucket"
'

test_expect_success 'neither the user s keys, profiles nor config files are used' '
	printf "[default\nbroken" >"$HOME/.aws/config" &&
	expect_status 253 "$HS_SHELL" -c "sts get-caller-identity" 2>err &&
	AWS_ACCESS_KEY_ID=AKIAREALKEY0000000000 AWS_SECRET_ACCESS_KEY=realsecret \
	AWS_SESSION_TOKEN=realtoken AWS_PROFILE=prod \
	    "$HS_SHELL" --sandbox -c "sts get-caller-identity
sts get-caller-identity --dry-run" >out &&
	test_grep -q "\"Account\": \"000000000000\"" out &&
	test_grep -q "Credential=test/" out &&
	test_grep_not -q "AKIAREAL" out &&
	test_grep_not -qi "x-amz-security-token" out &&
	rm "$HOME/.aws/config"
'

test_expect_success 'host commands get the sandbox in place of every AWS variable' '
	AWS_ACCESS_KEY_ID=AKIAREALKEY0000000000 AWS_SECRET_ACCESS_KEY=realsecret \
	AWS_SESSION_TOKEN=realtoken AWS_PROFILE=prod AWS_ENDPOINT_URL_S3=http://x \
	    "$HS_SHELL" --sandbox -c "!env | grep -E \"^(AWS|HIPAA)_\" | sort >env.out" &&
	test_grep -q "^AWS_ACCESS_KEY_ID=test$" env.out &&
	test_grep -q "^AWS_SECRET_ACCESS_KEY=test$" env.out &&
	test_grep -q "^AWS_ENDPOINT_URL=http://127.0.0.1:[0-9]*$" env.out &&
	test_grep -q "^AWS_REGION=us-east-1$" env.out &&
	test_grep -q "^AWS_CONFIG_FILE=/dev/null$" env.out &&
	test_grep -q "^HIPAA_SANDBOX_DATA=$default_data$" env.out &&
	test_grep -q "^HIPAA_SHELL=/" env.out &&
	test_grep_not -q "real\|prod\|AWS_SESSION_TOKEN\|AWS_ENDPOINT_URL_S3" env.out &&
	"$HS_SHELL" -c "!env >plain.out" &&
	test_grep_not -q "HIPAA_SANDBOX" plain.out
'

test_expect_success 'runbooks see where the sandbox is as shell variables' '
	"$HS_SHELL" --sandbox -c ".vars
.words \${HIPAA_SANDBOX_DATA}" >out &&
	test_grep -q "^HIPAA_SANDBOX_URL=http://127.0.0.1:[0-9]*$" out &&
	test_grep -q "^HIPAA_SANDBOX_DATA=$default_data$" out &&
	test_grep -q "^\[\"$default_data\"\]$" out &&
	expect_status 252 "$HS_SHELL" -c ".words \${HIPAA_SANDBOX_DATA}" 2>err &&
	test_grep -q HIPAA_SANDBOX_DATA err
'

test_expect_success 'a host command can run hipaa-shell again against the sandbox' '
	"$HS_SHELL" --sandbox -c "s3api create-bucket --bucket nested-bucket
!\"\$HIPAA_SHELL\" s3api list-buckets >nested.out" &&
	test_grep -q "\"Name\": \"nested-bucket\"" nested.out
'

if command -v aws >/dev/null 2>&1; then
	test_expect_success '!aws talks to the sandbox' '
		AWS_ACCESS_KEY_ID=AKIAREALKEY0000000000 AWS_SECRET_ACCESS_KEY=x \
		    "$HS_SHELL" --sandbox -c "!aws sts get-caller-identity >aws.out" &&
		test_grep -q "arn:aws:iam::000000000000:root" aws.out
	'
else
	test_skip '!aws talks to the sandbox' "the AWS CLI is not installed"
fi

test_expect_success 'the region: --region, .region, AWS_REGION, else us-east-1' '
	"$HS_SHELL" --sandbox --region eu-west-1 -c ".region" >out &&
	test "$(cat out)" = eu-west-1 &&
	AWS_REGION=ap-south-1 "$HS_SHELL" --sandbox -c ".region" >out &&
	test "$(cat out)" = ap-south-1 &&
	"$HS_SHELL" --sandbox -c ".region us-west-2
lambda list-functions --dry-run" >out &&
	test_grep -q "/us-west-2/lambda/aws4_request" out
'

test_expect_success '--profile and --endpoint-url do not go with --sandbox (252)' '
	expect_status 252 "$HS_SHELL" --sandbox --profile dev -c ".profile" 2>err &&
	test_grep -q "^hipaa-shell: --sandbox cannot be used with --profile" err &&
	expect_status 252 "$HS_SHELL" --endpoint-url http://127.0.0.1:9 --sandbox \
	    -c ".profile" 2>err &&
	test_grep -q "^hipaa-shell: --sandbox cannot be used with --endpoint-url" err &&
	expect_status 252 "$HS_SHELL" --sandbox-data x -c ".profile" 2>err &&
	test_grep -q "^hipaa-shell: --sandbox-data needs --sandbox" err &&
	test ! -e x &&
	expect_status 252 "$HS_SHELL" --sandbox -c "sts get-caller-identity --profile dev" 2>err &&
	test_grep -q "^option .--profile. cannot be used in a --sandbox session" err &&
	expect_status 252 "$HS_SHELL" --sandbox \
	    -c "--endpoint-url http://127.0.0.1:9 sts get-caller-identity" 2>err &&
	test_grep -q "^option .--endpoint-url. cannot be used in a --sandbox session" err &&
	expect_status 252 "$HS_SHELL" --sandbox -c ".profile dev" 2>err &&
	test_grep -q "^a --sandbox session has no profiles" err
'

test_expect_success 'the sandbox is stopped after -c' '
	"$HS_SHELL" --sandbox -c "$save_url" &&
	grep -q "^http://127.0.0.1:[0-9]*$" url &&
	port_closed "$(cat url)"
'

test_expect_success 'the sandbox is stopped after a failing runbook' '
	printf "%s\n%s\n%s\n" "$save_url" "s3api head-bucket --bucket no-such-bucket" \
	    ".words never" >fail.hsh &&
	expect_status 254 "$HS_SHELL" --sandbox --batch fail.hsh >out 2>err &&
	test_grep -q "^fail.hsh:2: " err &&
	test_grep_not -q never out &&
	port_closed "$(cat url)"
'

# A session holding the sandbox in the background; sets holder_pid once
# the sandbox is up (its URL in url).
start_holder() {
	rm -f url
	"$HS_SHELL" --sandbox -c "$save_url
!sleep 60" >holder.out 2>&1 &
	holder_pid=$!
	test_at_exit "kill $holder_pid 2>/dev/null"
	i=0
	while ! test -s url; do
		test $i -lt 100 || { cat holder.out; return 1; }
		sleep 0.1; i=$((i + 1))
	done
}

start_holder
test_expect_success 'a second session on the same data folder is refused (253)' '
	expect_status 253 "$HS_SHELL" --sandbox -c "s3api list-buckets" >out 2>err &&
	test_grep -q "^--sandbox: cannot start the sandbox: data folder .$default_data. is in use by another sandbox$" err &&
	test ! -s out &&
	"$HS_SHELL" --sandbox --sandbox-data free -c "s3api list-buckets" >out &&
	test_grep -q Buckets out
'

kill -TERM "$holder_pid"
wait "$holder_pid" 2>/dev/null
holder_status=$?
test_expect_success 'SIGTERM stops the sandbox and the shell dies of it' '
	test "$holder_status" = 143 &&
	port_closed "$(cat url)" &&
	"$HS_SHELL" --sandbox -c "s3api head-bucket --bucket kept-bucket"
'

if command -v expect >/dev/null 2>&1; then
	export TERM=dumb
	# repl EXPECT-BODY [ARGS...]: the REPL on a pseudo-terminal.
	repl() {
		cat >repl.exp <<-EOF
		set timeout 20
		log_user 1
		proc fail {why} { puts "\nFAILED: \$why"; exit 1 }
		proc see {what} {
			expect {
				-exact \$what {}
				timeout { fail "did not see: \$what" }
				eof { fail "eof before: \$what" }
			}
		}
		spawn -noecho \$env(HS_SHELL) {*}\$argv
		$1
		expect {
			eof {}
			timeout { fail "the shell did not exit" }
		}
		puts "\nWAIT=[wait]"
		EOF
		shift
		expect -f repl.exp -- "$@"
	}

	test_expect_success 'the prompt says [sandbox default@REGION]; Ctrl-D stops the sandbox' '
		repl "
			see {hipaa-shell [sandbox default@us-east-1]> }
			send {.region eu-west-1}; send \"\\r\"
			see {hipaa-shell [sandbox default@eu-west-1]> }
			send {$save_url}; send \"\\r\"
			see {hipaa-shell [sandbox default@eu-west-1]> }
			send \"\\004\"" --sandbox >log &&
		test_grep -q "^sandbox: http://127.0.0.1:[0-9]*, data in $default_data" log &&
		test_grep -q "WAIT=[0-9]* exp[0-9]* 0 0$" log &&
		port_closed "$(cat url)"
	'

	test_expect_success 'exit leaves the REPL and stops the sandbox' '
		repl "
			see {[sandbox default@us-east-1]> }
			send {$save_url}; send \"\\r\"
			see {[sandbox default@us-east-1]> }
			send \"exit 7\\r\"" --sandbox >log &&
		test_grep -q "WAIT=[0-9]* exp[0-9]* 0 7$" log &&
		port_closed "$(cat url)"
	'

	test_expect_success 'SIGTERM at the REPL prompt stops the sandbox' '
		repl "
			see {[sandbox default@us-east-1]> }
			send {$save_url}; send \"\\r\"
			see {[sandbox default@us-east-1]> }
			exec kill -TERM [exp_pid]" --sandbox >log &&
		test_grep -q "WAIT=.*CHILDKILLED SIGTERM" log &&
		port_closed "$(cat url)" &&
		"$HS_SHELL" --sandbox -c "s3api head-bucket --bucket kept-bucket"
	'
else
	test_skip 'the [sandbox] prompt in a pseudo-terminal' "expect is not installed"
fi
test_done
