server {
	listen 80;
	server_name admin.example.com;
	root /srv/admin;

	location ~ \.php$ {
		fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
		fastcgi_pass unix:/run/php/admin.sock;
	}
}
