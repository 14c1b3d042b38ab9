server {
	listen 80;
	server_name app.example.com;

	# keepalive in the upstream, but HTTP/1.0 and "Connection: close" here.
	location / {
		proxy_pass http://app;
	}

	# The legacy app behind httpd.
	location /legacy/ {
		proxy_pass http://127.0.0.1:8080/;
	}
}
