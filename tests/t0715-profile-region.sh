#!/bin/sh
# t0715-profile-region: the region of a profile in the AWS config files
# when neither an option nor the environment sets one - in .region, in
# the prompt and in the requests - and a profile that is in neither
# config file: the AWS CLI v2's words, exit 253, for a command that needs
# it (an AWS command, .region when the region would come from the
# profile, .profile NAME); the prompt then shows no region.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

cd "$TEST_TMP" || exit 99
cat >"$AWS_CONFIG_FILE" <<'EOF'
[default]
region = ap-southeast-2

[profile dev]
region = eu-north-1

[profile noregion]
output = json
EOF
cat >"$AWS_SHARED_CREDENTIALS_FILE" <<'EOF'
[default]
aws_access_key_id = AKIDDEFAULT000000000
aws_secret_access_key = defaultsecret

[dev]
aws_access_key_id = AKIDDEV0000000000000
aws_secret_access_key = devsecret

[credsonly]
aws_access_key_id = AKIDCREDSONLY0000000
aws_secret_access_key = credsonlysecret
EOF

test_expect_success '.region shows the profile s region' '
	"$HS_SHELL" -c ".region" >out &&
	test "$(cat out)" = ap-southeast-2 &&
	"$HS_SHELL" --profile dev -c ".region" >out &&
	test "$(cat out)" = eu-north-1 &&
	AWS_PROFILE=dev "$HS_SHELL" -c ".region" >out &&
	test "$(cat out)" = eu-north-1 &&
	"$HS_SHELL" -c ".profile dev
.region" >out &&
	printf "eu-north-1\n" >expect && test_cmp expect out
'

test_expect_success 'the option and the environment come before the profile' '
	"$HS_SHELL" --profile dev --region us-west-1 -c ".region" >out &&
	test "$(cat out)" = us-west-1 &&
	AWS_DEFAULT_REGION=ca-central-1 "$HS_SHELL" --profile dev -c ".region" >out &&
	test "$(cat out)" = ca-central-1 &&
	"$HS_SHELL" --profile noregion -c ".region" >out &&
	test_grep -q "^no region: set one with" out
'

test_expect_success 'a command sends its requests to the profile s region' '
	"$HS_SHELL" --profile dev -c "logs describe-log-groups --dry-run" >out &&
	test_grep -q "^POST https://logs.eu-north-1.amazonaws.com/" out &&
	test_grep -q "Credential=AKIDDEV0000000000000/[0-9]*/eu-north-1/logs/" out
'

test_expect_success 'a profile of the credentials file only is a profile too' '
	"$HS_SHELL" -c ".profile credsonly
.region" >out &&
	test_grep -q "^no region" out
'

test_expect_success 'a missing profile: the AWS CLI v2 words, exit 253' '
	expect_status 253 "$HS_SHELL" --profile nope -c "sts get-caller-identity" 2>err &&
	test_grep -q "^The config profile (nope) could not be found" err &&
	expect_status 253 "$HS_SHELL" --profile nope -c ".region" 2>err &&
	test_grep -q "^The config profile (nope) could not be found (profile from --profile; " err &&
	AWS_PROFILE=nope expect_status 253 "$HS_SHELL" -c ".region" 2>err &&
	test_grep -q "^The config profile (nope) could not be found (profile from AWS_PROFILE; " err
'

test_expect_success '.profile NAME refuses a missing profile and keeps the old one' '
	expect_status 253 "$HS_SHELL" --profile dev -c ".profile nope" 2>err &&
	test_grep -q "^The config profile (nope) could not be found" err &&
	"$HS_SHELL" --profile dev --keep-going -c ".profile nope
.profile
.region" >out 2>err;
	printf "dev\neu-north-1\n" >expect && test_cmp expect out
'

test_expect_success 'a region set elsewhere is shown whatever the profile' '
	"$HS_SHELL" --profile nope --region us-east-2 -c ".region" >out &&
	test "$(cat out)" = us-east-2
'

test_expect_success 'a malformed config file is an error where the region is needed' '
	cp "$AWS_CONFIG_FILE" good-config &&
	printf "[profile dev\nregion = x\n" >"$AWS_CONFIG_FILE" &&
	expect_status 253 "$HS_SHELL" -c ".region" 2>err &&
	test_grep -q "config:1: " err;
	rc=$?; cp good-config "$AWS_CONFIG_FILE"; test $rc = 0
'

if command -v expect >/dev/null 2>&1; then
	export TERM=dumb
	# prompt_of ARGS...: the first prompt of the REPL, then .exit.
	prompts() {
		cat >repl.exp <<-'EOF'
		set timeout 15
		spawn -noecho $env(HS_SHELL) {*}$argv
		expect {
			-re {hipaa-shell \[[^]]*\]> $} {}
			timeout { puts "\nFAILED: no prompt"; exit 1 }
		}
		send ".profile dev\r"
		expect {
			-re {hipaa-shell \[dev[^]]*\]> $} {}
			timeout { puts "\nFAILED: no second prompt"; exit 1 }
		}
		send ".exit\r"
		expect eof
		EOF
		expect -f repl.exp -- "$@"
	}

	test_expect_success 'the prompt shows the profile s region' '
		prompts >log &&
		test_grep -q "hipaa-shell \[default@ap-southeast-2\]> " log &&
		test_grep -q "hipaa-shell \[dev@eu-north-1\]> " log &&
		prompts --profile nope >log &&
		test_grep -q "hipaa-shell \[nope@-\]> " log &&
		test_grep -q "hipaa-shell \[dev@eu-north-1\]> " log
	'
else
	test_skip 'the prompt shows the profile s region' "expect is not installed"
fi
test_done
