# The shop: a PHP application behind php-fpm's "shop" pool.
server {
	listen 80;
	listen [::]:80;
	server_name shop.example.com www.shop.example.com;

	root /srv/shop/public;
	index index.php;

	client_max_body_size 32m;

	location / {
		try_files $uri $uri/ /index.php?$query_string;
	}

	location ~ \.php$ {
		include snippets/fastcgi-php.conf;
		fastcgi_pass unix:/run/php/php8.2-fpm-shop.sock;
		fastcgi_read_timeout 60s;
	}

	location ~ /\.(?!well-known) {
		deny all;
	}

	location = /healthz {
		access_log off;
		return 200 "ok\n";
	}
}
