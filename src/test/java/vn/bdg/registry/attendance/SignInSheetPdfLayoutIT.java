package vn.bdg.registry.attendance;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The paper sign-in sheet has a line on the page for everyone enrolled, whatever the course's texts (found in review). */
class SignInSheetPdfLayoutIT {
    private final World world = World.create();

    private static String words(String phrase, int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() + phrase.length() + 1 <= length) {
            s.append(s.length() == 0 ? "" : " ").append(phrase);
        }
        return s.toString();
    }

    @Test
    void everyPersonOfAPageIsPrintedOnThePageWithALongTitleAndVenue() throws IOException {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        // the longest title and venue the API accepts (500 characters each)
        String title = words("Tập huấn nâng cao năng lực về bình đẳng giới cho cán bộ cấp xã", 500);
        String venue = words("Hội trường Ủy ban nhân dân xã, thôn Bản Cám", 500);
        Api.Res edited = world.organizer.patch("/api/v1/courses/" + course, Map.of("title", title));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        Api.Res moved = world.organizer.patch("/api/v1/sessions/" + session, Map.of("venue", venue));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        for (int i = 1; i <= 9; i++) { // one page: nine rows
            Fixtures.enroll(world, course, Fixtures.participant(world, "Học viên Số" + i, "female", world.communeA1));
        }

        byte[] pdf = world.organizer.bytes("/api/v1/sessions/" + session + "/sign-in-sheet.pdf");
        Map<String, Float> rowTop = new LinkedHashMap<>(); // name -> distance of its baseline from the page's top
        float[] pageHeight = new float[1];
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            pageHeight[0] = doc.getPage(0).getMediaBox().getHeight();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    if (text.contains("Học viên Số")) {
                        rowTop.put(text.trim(), positions.get(0).getYDirAdj());
                    }
                    super.writeString(text, positions);
                }
            };
            stripper.getText(doc);
        }
        assertThat(rowTop).as("the names printed").hasSize(9);
        assertThat(rowTop).allSatisfy((name, y) -> assertThat(y)
                .as(name + " is printed %.0f pt from the top of a %.0f pt page", y, pageHeight[0])
                .isBetween(0f, pageHeight[0]));
        // each row's QR code (and its signature box beside it) is on the page, not cut off at its bottom edge
        List<Float> qrBottoms = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDPage page : doc.getPages()) {
                new ImageFinder(page, qrBottoms).processPage(page);
            }
        }
        assertThat(qrBottoms).as("the QR codes printed").hasSize(9);
        assertThat(qrBottoms).as("distance of each row's QR code from the bottom of the page, in pt")
                .allSatisfy(bottom -> assertThat(bottom).isGreaterThanOrEqualTo(0f));
    }

    /** Where the images of a page are drawn: the bottom edge of each, in pt from the page's bottom. */
    private static final class ImageFinder extends PDFGraphicsStreamEngine {
        private final List<Float> bottoms;

        ImageFinder(PDPage page, List<Float> bottoms) {
            super(page);
            this.bottoms = bottoms;
        }

        @Override
        public void drawImage(PDImage image) {
            bottoms.add(getGraphicsState().getCurrentTransformationMatrix().getTranslateY());
        }

        @Override public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) { }
        @Override public void clip(int windingRule) { }
        @Override public void moveTo(float x, float y) { }
        @Override public void lineTo(float x, float y) { }
        @Override public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) { }
        @Override public Point2D getCurrentPoint() { return new Point2D.Float(); }
        @Override public void closePath() { }
        @Override public void endPath() { }
        @Override public void strokePath() { }
        @Override public void fillPath(int windingRule) { }
        @Override public void fillAndStrokePath(int windingRule) { }
        @Override public void shadingFill(org.apache.pdfbox.cos.COSName shadingName) { }
    }
}
