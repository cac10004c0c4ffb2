-- The language a user chose in the menu; NULL means "follow the browser's Accept-Language".
ALTER TABLE "User" ADD COLUMN "locale" TEXT;
