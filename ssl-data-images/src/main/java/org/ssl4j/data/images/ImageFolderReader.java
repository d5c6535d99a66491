package org.ssl4j.data.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads folders of image files, one sub-folder per class, with {@link ImageIO}. Every image read
 * by one reader must have the size of the first; the first image read fixes it.
 *
 * <p>Pixels: an 8-bit grey image gives its grey values (repeated in R, G and B for 3 channels);
 * any other image gives its sRGB colours, and for 1 channel the luma {@code round(0.299 R + 0.587
 * G + 0.114 B)}. Transparency is ignored.
 */
final class ImageFolderReader {

    private final int channels;
    private Path firstFile;
    private int width;
    private int height;

    /**
     * @param channels 1 for grey, 3 for RGB
     */
    ImageFolderReader(int channels) {
        this.channels = channels;
    }

    /**
     * Lists the class names: the sub-folders of {@code folder}, sorted by name.
     *
     * @param folder the folder, e.g. {@code directory/train}; must exist
     * @return the names, at least 2
     * @throws DataFileException when there are fewer than 2 sub-folders
     * @throws IOException when the folder cannot be listed
     */
    static List<String> classNames(Path folder) throws IOException {
        List<String> names = subFolders(folder);
        if (names.size() < 2) {
            throw new DataFileException(
                    folder,
                    "needs a sub-folder per class, at least 2, found " + names.size() + " "
                            + names);
        }
        return names;
    }

    /**
     * Reads every image of the class sub-folders of {@code folder}, class by class, files sorted
     * by name.
     *
     * @param folder the folder, e.g. {@code directory/test}; must exist
     * @param classNames the classes in label order; every sub-folder must be one of them, a class
     *     may have no sub-folder
     * @return the images
     * @throws DataFileException when there is no class sub-folder, a sub-folder is not a known
     *     class, a class folder has no {@code .png}, {@code .jpg} or {@code .jpeg} file, a file is
     *     not a readable image, or an image's size differs from the first image's
     * @throws IOException when a folder or file cannot be read
     */
    ImageSet read(Path folder, List<String> classNames) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String name : subFolders(folder)) {
            int label = classNames.indexOf(name);
            if (label < 0) {
                throw new DataFileException(
                        folder.resolve(name), "is not one of the training classes " + classNames);
            }
            List<Path> images = imageFiles(folder.resolve(name));
            files.addAll(images);
            images.forEach(file -> labels.add(label));
        }
        if (files.isEmpty()) {
            throw new DataFileException(folder, "has no class sub-folders with images");
        }
        byte[] pixels = null;
        int[] labelArray = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image = readImage(files.get(i));
            if (pixels == null) {
                pixels = new byte[Math.multiplyExact(files.size(), channels * height * width)];
            }
            copyPixels(image, pixels, i * channels * height * width);
            labelArray[i] = labels.get(i);
        }
        return new ImageSet(pixels, labelArray, channels, height, width);
    }

    /** The names of the sub-folders of {@code folder}, hidden ones left out, sorted. */
    private static List<String> subFolders(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static List<Path> imageFiles(Path classFolder) throws IOException {
        List<Path> images;
        try (Stream<Path> entries = Files.list(classFolder)) {
            images =
                    entries.filter(Files::isRegularFile)
                            .filter(ImageFolderReader::isImageName)
                            .sorted()
                            .toList();
        }
        if (images.isEmpty()) {
            throw new DataFileException(
                    classFolder, "class folder has no .png, .jpg or .jpeg images");
        }
        return images;
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private BufferedImage readImage(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new DataFileException(file, "is not an image javax.imageio can read");
        }
        if (firstFile == null) {
            firstFile = file;
            width = image.getWidth();
            height = image.getHeight();
        } else if (image.getWidth() != width || image.getHeight() != height) {
            throw new DataFileException(
                    file,
                    String.format(
                            "image is %dx%d (width x height) but the first image %s is %dx%d;"
                                    + " all images must have the same size",
                            image.getWidth(), image.getHeight(), firstFile, width, height));
        }
        return image;
    }

    private void copyPixels(BufferedImage image, byte[] pixels, int offset) {
        int plane = height * width;
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            int[] grey = image.getRaster().getSamples(0, 0, width, height, 0, (int[]) null);
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    pixels[offset + c * plane + p] = (byte) grey[p];
                }
            }
            return;
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int p = 0; p < plane; p++) {
            int red = (argb[p] >> 16) & 0xFF;
            int green = (argb[p] >> 8) & 0xFF;
            int blue = argb[p] & 0xFF;
            if (channels == 1) {
                pixels[offset + p] =
                        (byte) Math.round(0.299 * red + 0.587 * green + 0.114 * blue);
            } else {
                pixels[offset + p] = (byte) red;
                pixels[offset + plane + p] = (byte) green;
                pixels[offset + 2 * plane + p] = (byte) blue;
            }
        }
    }
}
