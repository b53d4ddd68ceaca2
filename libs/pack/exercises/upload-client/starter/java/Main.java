// upload-client: send FILE, half-close (shutdownOutput), print the server's reply, exit 0.
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

public class Main {
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: Main HOST PORT FILE");
      System.exit(1);
    }
    try (Socket socket = new Socket();
        InputStream upload = new FileInputStream(args[2])) {
      socket.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      // TODO: copy the file's bytes to `out` (upload.read(buffer) chunks; binary data).
      // TODO: tell the server you are done without giving up reading: socket.shutdownOutput().
      // TODO: read `in` until read() returns -1, copy it to System.out; flush; exit 0.
    }
    System.exit(1);
  }
}
