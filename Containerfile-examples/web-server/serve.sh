#!/bin/sh
# Answers every connection on :8080 with index.html (one request at a time).
PORT=${PORT:-8080}
echo "listening on $PORT"
while true; do
  {
    printf 'HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: %s\r\n\r\n' "$(wc -c < /www/index.html)"
    cat /www/index.html
  } | nc -l -p "$PORT" > /dev/null
done
