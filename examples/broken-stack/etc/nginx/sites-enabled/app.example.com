server {
	listen 80;
	server_name app.example.com;

	# keepalive in the upstream, but HTTP/1.0 and "Connection: close" here.
	location / {
		proxy_pass http://app;
	}

	# The legacy app behind httpd.
	location /legacy/ {
		proxy_pass http://legacy/;
		proxy_http_version 1.1;
		proxy_set_header Connection "";
		# Longer than any kernel waits for a connection.
		proxy_connect_timeout 300s;
	}

	# Another machine: nothing here says whether it answers.
	location /search/ {
		proxy_pass http://10.0.0.7:9200;
	}
}
