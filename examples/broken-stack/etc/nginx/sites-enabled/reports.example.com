server {
	listen 80;
	server_name reports.example.com;
	root /srv/reports;

	location ~ \.php$ {
		fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
		fastcgi_pass unix:/run/php/reports.sock;
		# Reports take minutes; nginx gives up after 30 s.
		fastcgi_read_timeout 30s;
		# Too small for the app's cookies, and busy buffers nginx refuses.
		fastcgi_buffer_size 1k;
		fastcgi_buffers 4 4k;
		fastcgi_busy_buffers_size 16k;
	}
}
