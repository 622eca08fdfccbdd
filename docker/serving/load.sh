#!/bin/sh
# A small steady load on the example model server for docker-compose.yaml:
# every 10 s a burst of 60 requests, 3 of them failing on purpose.
set -eu
until python -c "import urllib.request; urllib.request.urlopen('http://mlserver:8080/v2/models/iris/ready')" 2>/dev/null; do sleep 2; done
while true; do
  python /load/load.py http://mlserver:8080/v2/models/iris/infer 60 3 /tmp/load.json >/dev/null
  sleep 10
done
