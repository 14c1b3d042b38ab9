server {
	listen 80;
	server_name api.example.com;
	root /srv/api/public;

	# The old upstream name: nginx refuses to start.
	location /v1/ {
		fastcgi_param SCRIPT_FILENAME $document_root/index.php;
		fastcgi_pass api_backend;
	}

	# Straight to the pool, which only lets 10.0.0.5 in.
	location ~ \.php$ {
		fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
		fastcgi_pass 127.0.0.1:9102;
	}
}
