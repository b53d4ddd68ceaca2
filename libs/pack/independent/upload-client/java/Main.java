// upload-client, an independent Java solution: InputStream.transferTo() copies the file to
// the socket, shutdownOutput() sends the FIN while the socket stays open for reading, and
// the receipt is copied to stdout up to the server's FIN.
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

public class Main {
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: Main HOST PORT FILE");
      System.exit(1);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
      try (InputStream upload = Files.newInputStream(Path.of(args[2]))) {
        upload.transferTo(socket.getOutputStream());
      }
      socket.shutdownOutput();
      socket.getInputStream().transferTo(System.out);
      System.out.flush();
    }
    System.exit(0);
  }
}
