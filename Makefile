# Thin wrappers over the commands in README.md and docs/operations.md; `make -n TARGET` prints them.
# Variables: URL (status, load), ARGS (run, start: e.g. ARGS="--config conf/simulator-node.json"),
# SCENARIO (load). The service's own settings come from the environment as usual (docs/configuration.md).

JAR      ?= service/target/intake.jar
LOAD_JAR ?= load-tests/target/intake-load.jar
URL      ?= http://localhost:8001
SCENARIO ?= mixed
ARGS     ?=
PID_FILE ?= intake.pid
LOG_FILE ?= intake.log

.PHONY: build run start stop status test load

build:                 ## both jars, tests skipped
	mvn -B -DskipTests package

run: $(JAR)            ## in the foreground, readable logs on a terminal
	java -jar $(JAR) $(ARGS)

start: $(JAR)          ## in the background: pid in $(PID_FILE), JSON logs in $(LOG_FILE)
	nohup java -jar $(JAR) $(ARGS) > $(LOG_FILE) 2>&1 & echo $$! > $(PID_FILE)

stop:                  ## SIGTERM to the process `make start` started, then wait for it to end
	kill $$(cat $(PID_FILE)) && while kill -0 $$(cat $(PID_FILE)) 2>/dev/null; do sleep 1; done; rm -f $(PID_FILE)

status: $(JAR)         ## exit 0 healthy, 1 degraded, 2 down
	java -jar $(JAR) status --url $(URL)

test:                  ## every test, as .ci/run does
	mvn -B verify

load: $(LOAD_JAR)      ## one load scenario against a running Intake
	java -jar $(LOAD_JAR) load $(SCENARIO) --url $(URL)

$(JAR) $(LOAD_JAR):
	mvn -B -DskipTests package
