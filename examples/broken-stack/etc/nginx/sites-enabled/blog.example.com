# The blog's pool listens on 9001 since the migration; this still says 9000.
server {
	listen 80;
	listen [::]:80;
	server_name blog.example.com;
	root /srv/blog;
	index index.php;

	location ~ \.php$ {
		try_files $fastcgi_script_name =404;
		fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
		fastcgi_pass 127.0.0.1:9000;
	}
}
