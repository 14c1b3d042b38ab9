# Still names the socket of PHP 7.4, removed in the upgrade to 8.2.
server {
	listen 80;
	listen [::]:80;
	server_name shop.example.com;
	root /srv/shop/public;
	index index.php;

	location / {
		try_files $uri $uri/ /index.php?$query_string;
	}

	location ~ \.php$ {
		try_files $fastcgi_script_name =404;
		fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
		fastcgi_pass unix:/run/php/php7.4-fpm.sock;
	}
}
